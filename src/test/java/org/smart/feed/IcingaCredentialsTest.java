package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IcingaCredentialsTest {

    @TempDir
    Path dir;

    private Path file(String content, String mode) throws Exception {
        Path f = Files.writeString(dir.resolve("icinga-api.cred"), content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void readsOwnerOnlyFile() throws Exception {
        Path f = file("# Icinga API user for SMART\nuser = smart\n\npassword= s3cr=t with spaces \n", "rw-------");

        IcingaCredentials c = IcingaCredentials.fromFile(f);

        assertThat(c.user()).isEqualTo("smart");
        assertThat(c.password()).isEqualTo(" s3cr=t with spaces ");
        assertThat(c.toString()).doesNotContain("s3cr").contains("hidden");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"})
    void refusesFilesOthersCanReadOrWrite(String mode) throws Exception {
        Path f = file("user=smart\npassword=s3cret\n", mode);

        assertThatThrownBy(() -> IcingaCredentials.fromFile(f))
                .isInstanceOf(FeedConfigException.class)
                .hasMessage("Icinga API credentials file " + f + " has permissions " + mode + "; it holds a password, "
                        + "so its group and others must not read or write it (chmod 600 " + f + ")");
    }

    @Test
    void namesTheBadLineOrMissingKey() throws Exception {
        Path bad = file("user=smart\npasswd=x\n", "rw-------");
        assertThatThrownBy(() -> IcingaCredentials.fromFile(bad))
                .hasMessage("Icinga API credentials file " + bad + ":2: expected 'user=...' or 'password=...', found key 'passwd'");

        Path noPassword = file("user=smart\n", "r--------");
        assertThatThrownBy(() -> IcingaCredentials.fromFile(noPassword))
                .hasMessage("Icinga API credentials file " + noPassword + ": no 'password=' line");

        Path missing = dir.resolve("nope.cred");
        assertThatThrownBy(() -> IcingaCredentials.fromFile(missing))
                .hasMessage("Icinga API credentials file " + missing + " does not exist");
    }

    @Test
    void fileWinsOverEnvironmentAndEnvironmentIsTheFallback() throws Exception {
        Map<String, String> env = Map.of(IcingaCredentials.ENV_USER, "envuser", IcingaCredentials.ENV_PASSWORD, "envpass");
        Path f = file("user=fileuser\npassword=filepass\n", "rw-------");

        assertThat(IcingaCredentials.resolve(f, env).user()).isEqualTo("fileuser");
        assertThat(IcingaCredentials.resolve(null, env)).isEqualTo(new IcingaCredentials("envuser", "envpass"));
        assertThatThrownBy(() -> IcingaCredentials.resolve(null, Map.of(IcingaCredentials.ENV_USER, "u")))
                .isInstanceOf(FeedConfigException.class)
                .hasMessage("no Icinga API credentials: set feed.icinga_api.credentials_file, "
                        + "or SMART_ICINGA_USER and SMART_ICINGA_PASSWORD in SMART's environment");
    }

    @Test
    void userWithColonCannotBeSentAsBasicAuth() {
        assertThatThrownBy(() -> IcingaCredentials.resolve(null,
                        Map.of(IcingaCredentials.ENV_USER, "a:b", IcingaCredentials.ENV_PASSWORD, "p")))
                .hasMessage("Icinga API user 'a:b' contains ':', which Basic authentication cannot carry (from environment)");
    }
}
