package org.smart.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;

/** Runs as root only: the situations it builds need files of other owners. */
class ConfigTrustTest {

    private static final int OTHER_UID = 4242;
    private static final String WHY = "; when SMART runs as root for another user it trusts only what only root can change";

    @TempDir
    Path temp;
    Path conf;

    @BeforeEach
    void rootOwnedConfiguration() throws Exception {
        assumeTrue(UnixIds.runningAsRoot(), "ConfigTrust's checks need files owned by other users: run as root");
        conf = Files.createDirectories(temp.resolve("etc/smart"));
        write(conf.resolve("host.conf"), 0644);
        write(conf.resolve("services.conf"), 0644);
        write(conf.resolve("smart.yml"), 0600);
        write(conf.resolve("scripts/imap.nag"), 0700);
        write(conf.resolve("plugins/check_tcp"), 0755);
        write(conf.resolve("plugins/lib/utils.sh"), 0644);
    }

    private static Path write(Path file, int mode) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        return chmod(file, mode);
    }

    private static Path chmod(Path path, int mode) throws Exception {
        return Files.setAttribute(path, "unix:mode", mode);
    }

    private static Path chown(Path path) throws Exception {
        return Files.setAttribute(path, "unix:uid", OTHER_UID);
    }

    private List<String> verify() {
        return new ConfigTrust().verifyRootOwned(conf).stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aRootOwnedConfigurationUnderTheStickyTmpIsTrusted() {
        assertThat(verify()).isEmpty();
    }

    @Test
    void aGroupWritableFileIsRefusedWithTheFix() throws Exception {
        Path services = chmod(conf.resolve("services.conf"), 0664);

        assertThat(verify()).containsExactly(services + ": owned by root (uid 0), mode 0664: writable by group or others"
                + WHY + "; fix: chmod go-w " + services);
    }

    @Test
    void aScriptOfAnotherUserIsRefused() throws Exception {
        Path script = chown(conf.resolve("scripts/imap.nag"));

        assertThat(verify()).containsExactly(script + ": owned by uid 4242, mode 0700: not owned by root"
                + WHY + "; fix: chown root " + script);
    }

    @Test
    void bothFaultsOfOnePathAreOneProblem() throws Exception {
        Path plugin = chmod(chown(conf.resolve("plugins/lib/utils.sh")), 0666);

        assertThat(verify()).containsExactly(plugin + ": owned by uid 4242, mode 0666: not owned by root and writable"
                + " by group or others" + WHY + "; fix: chown root " + plugin + " && chmod go-w " + plugin);
    }

    @Test
    void theDirectoriesThemselvesCountAndStickyDoesNotExcuseThem() throws Exception {
        Path lib = chmod(conf.resolve("plugins/lib"), 01777);
        chmod(conf, 0775);

        assertThat(verify()).containsExactly(
                conf + ": owned by root (uid 0), mode 0775: writable by group or others" + WHY + "; fix: chmod go-w " + conf,
                lib + ": owned by root (uid 0), mode 1777: writable by group or others" + WHY + "; fix: chmod go-w " + lib);
    }

    @Test
    void everyDirectoryAboveMustBeRootOwnedAndNotWritableUnlessSticky() throws Exception {
        Path etc = chown(temp.resolve("etc"));
        assertThat(verify()).containsExactly(etc + ": owned by uid 4242, mode 0755: not owned by root"
                + WHY + "; fix: chown root " + etc);

        Files.setAttribute(etc, "unix:uid", 0);
        chmod(etc, 0777);
        assertThat(verify()).containsExactly(etc + ": owned by root (uid 0), mode 0777: writable by group or others"
                + WHY + "; fix: chmod go-w " + etc);

        chmod(etc, 01777);
        assertThat(verify()).isEmpty();
    }

    @Test
    void aSymbolicLinkIsFollowedAndItsTargetsDirectoriesChecked() throws Exception {
        Path elsewhere = chown(Files.createDirectories(temp.resolve("home/bob")));
        Path target = write(elsewhere.resolve("check_evil"), 0755);
        Files.createSymbolicLink(conf.resolve("plugins/check_evil"), target);

        assertThat(verify()).containsExactly(elsewhere + ": owned by uid 4242, mode 0755: not owned by root"
                + WHY + "; fix: chown root " + elsewhere);
    }

    @Test
    void aLinkedDirectoryIsWalkedToo() throws Exception {
        Path shared = Files.createDirectories(temp.resolve("usr/lib/plugins"));
        Path writable = write(shared.resolve("check_http"), 0757);
        Files.createSymbolicLink(conf.resolve("plugins/nagios"), shared);

        assertThat(verify()).containsExactly(conf.resolve("plugins/nagios/check_http") + ": owned by root (uid 0),"
                + " mode 0757: writable by group or others" + WHY + "; fix: chmod go-w "
                + conf.resolve("plugins/nagios/check_http"));
        assertThat(writable).exists();
    }

    @Test
    void aDanglingLinkAndALinkLoopAreReported() throws Exception {
        Path dangling = Files.createSymbolicLink(conf.resolve("scripts/gone.sh"), temp.resolve("nowhere"));
        Path loop = Files.createSymbolicLink(conf.resolve("plugins/lib/up"), conf.resolve("plugins"));

        assertThat(verify()).containsExactlyInAnyOrder(
                dangling + ": is a symbolic link to a missing file; remove it or create its target",
                loop + ": symbolic links form a loop here; remove the link");
    }

    @Test
    void missingOptionalFilesAreFineButAMissingDirectoryIsNot() throws Exception {
        Files.delete(conf.resolve("smart.yml"));
        assertThat(verify()).isEmpty();

        assertThat(new ConfigTrust().verifyRootOwned(temp.resolve("absent")))
                .extracting(ConfigProblem::toString).containsExactly(temp.resolve("absent") + ": does not exist");
    }

    @Test
    void aProgramFromElsewhereIsJudgedWithTheDirectoriesAboveItAndNamedByTheLineThatRunsIt() throws Exception {
        Path opt = Files.createDirectories(temp.resolve("opt/plugins"));
        Path plugin = chown(write(opt.resolve("check_app"), 0755));
        Origin line = Origin.of(conf.resolve("smart.yml"), 12);

        assertThat(verifyProgram(plugin, line)).containsExactly(conf.resolve("smart.yml") + ":12: plugin: " + plugin
                + ": owned by uid 4242, mode 0755: not owned by root" + WHY + "; fix: chown root " + plugin);

        Files.setAttribute(plugin, "unix:uid", 0);
        assertThat(verifyProgram(plugin, line)).isEmpty();

        chmod(opt, 0777);
        assertThat(verifyProgram(plugin, line)).containsExactly(conf.resolve("smart.yml") + ":12: plugin: " + opt
                + ": owned by root (uid 0), mode 0777: writable by group or others" + WHY + "; fix: chmod go-w " + opt);
    }

    @Test
    void aMissingProgramIsJudgedByTheDirectoriesThatCouldReceiveIt() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home/bob"));
        Path missing = home.resolve("bin/check_later");
        Origin line = Origin.of(conf.resolve("smart.yml"), 3);

        assertThat(verifyProgram(missing, line)).as("only root can create it").isEmpty();

        chown(home);
        assertThat(verifyProgram(missing, line)).containsExactly(conf.resolve("smart.yml") + ":3: plugin: " + home
                + ": owned by uid 4242, mode 0755: not owned by root" + WHY + "; fix: chown root " + home);
    }

    @Test
    void aLinkedProgramIsJudgedByItsTargetToo() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("home/bob"));
        Path target = chown(write(elsewhere.resolve("check_evil"), 0755));
        Path link = Files.createSymbolicLink(Files.createDirectories(temp.resolve("usr/bin")).resolve("check_app"), target);

        assertThat(verifyProgram(link, Origin.of(conf.resolve("smart.yml"), 7))).containsExactly(
                conf.resolve("smart.yml") + ":7: plugin: " + target + ": owned by uid 4242, mode 0755: not owned by root"
                        + WHY + "; fix: chown root " + target);
    }

    private static List<String> verifyProgram(Path program, Origin line) {
        return new ConfigTrust().verifyRootOwnedProgram(program, line, "plugin").stream()
                .map(ConfigProblem::toString).toList();
    }
}
