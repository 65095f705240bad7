package org.smart.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;

class SecretFilesTest {

    private static final int OTHER_UID = 4242;

    @TempDir
    Path temp;
    Path secret;
    SecretFiles secrets;

    @BeforeEach
    void setUp() throws Exception {
        secret = Files.writeString(temp.resolve("smtp.pass"), "  s3cret  \nsecond line\n");
        secrets = new SecretFiles(UnixIds.effectiveUid());
    }

    private void chmod(String permissions) throws Exception {
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString(permissions));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------"})
    void anOwnerOnlyFileIsAcceptedAndItsFirstLineIsTheSecret(String permissions) throws Exception {
        chmod(permissions);

        assertThat(secrets.refusal(secret)).isEmpty();
        assertThat(secrets.readSecret(secret)).isEqualTo("s3cret");
    }

    @Test
    void aWorldReadableFileIsRefusedWithTheFix() throws Exception {
        chmod("rw-r--r--");

        assertThat(secrets.check(secret, Origin.of(temp.resolve("host.conf"), 4), "SMTP_PASSWORD_FILE"))
                .contains(new ConfigProblem(Origin.of(temp.resolve("host.conf"), 4), "SMTP_PASSWORD_FILE",
                        "'" + secret + "' is refused as a secret file: it has mode 0644, so group or others may"
                                + " read or change it; fix: chmod 600 " + secret));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw--w----", "rw----r--", "rw------x", "rwx--x---"})
    void anyAccessForGroupOrOthersIsRefused(String permissions) throws Exception {
        chmod(permissions);

        assertThat(secrets.refusal(secret)).hasValueSatisfying(reason -> assertThat(reason).endsWith("fix: chmod 600 " + secret));
    }

    @Test
    void readingChecksAgainBecauseTheFileMayHaveChanged() throws Exception {
        chmod("rw-------");
        assertThat(secrets.refusal(secret)).isEmpty();

        chmod("rw-rw-rw-");

        assertThatThrownBy(() -> secrets.readSecret(secret)).isInstanceOf(SecretFileException.class)
                .hasMessageContaining("it has mode 0666").hasMessageNotContaining("s3cret");
    }

    @Test
    void aMissingFileADirectoryAndAnEmptyFileAreRefused() throws Exception {
        Path missing = temp.resolve("missing.pass");
        assertThat(secrets.refusal(missing)).contains("'" + missing + "' does not exist; write the secret as its"
                + " only line, then run chmod 600 " + missing);
        assertThat(secrets.refusal(temp)).contains("'" + temp + "' is not a regular file");

        Path empty = Files.writeString(temp.resolve("empty.pass"), "\n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> secrets.readSecret(empty))
                .hasMessage("'" + empty + "' is empty; write the secret as its first line");
    }

    @Test
    void aSymbolicLinkIsJudgedByItsTarget() throws Exception {
        chmod("rw-------");
        Path link = Files.createSymbolicLink(temp.resolve("link.pass"), secret);

        assertThat(secrets.readSecret(link)).isEqualTo("s3cret");
    }

    @Test
    void aFileOfAnotherUserIsRefusedEvenWithOwnerOnlyMode() throws Exception {
        assumeTrue(UnixIds.runningAsRoot(), "changing a file's owner needs root");
        chmod("rw-------");
        Files.setAttribute(secret, "unix:uid", OTHER_UID);

        assertThat(new SecretFiles(0).refusal(secret)).contains("'" + secret + "' is refused as a secret file:"
                + " it is owned by uid 4242, not by root; fix: chown root " + secret);
        assertThat(new SecretFiles(1000).refusal(secret)).contains("'" + secret + "' is refused as a secret file:"
                + " it is owned by uid 4242, not by root or by the user SMART runs as (uid 1000); fix: chown 1000 " + secret);
        assertThat(new SecretFiles(OTHER_UID).refusal(secret)).isEmpty();
    }

    @Test
    void bothFaultsAreNamedTogether() throws Exception {
        assumeTrue(UnixIds.runningAsRoot(), "changing a file's owner needs root");
        chmod("rw-r--r--");
        Files.setAttribute(secret, "unix:uid", OTHER_UID);

        assertThat(new SecretFiles(0).refusal(secret)).contains("'" + secret + "' is refused as a secret file:"
                + " it is owned by uid 4242, not by root and it has mode 0644, so group or others may read or"
                + " change it; fix: chown root " + secret + " && chmod 600 " + secret);
    }

    @Test
    void aPathWithSpacesIsQuotedInTheFix() throws Exception {
        Path spaced = Files.writeString(temp.resolve("my secret"), "x");
        Files.setPosixFilePermissions(spaced, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(secrets.refusal(spaced)).hasValueSatisfying(reason ->
                assertThat(reason).endsWith("fix: chmod 600 '" + spaced + "'"));
    }
}
