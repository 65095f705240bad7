package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The restricted operator of SPEC section 4, for real: an ordinary user with one sudoers line
 * recovers a service, and cannot make SMART run anything from a configuration of its own.
 */
class SudoIT {

    private static final String OPERATOR = "smartop";
    private static final Path SUDOERS = Path.of("/etc/sudoers.d/smart-it");

    private static Path base;
    private static Path wrapper;
    private static ConfigDir system;
    private static Path startScript;
    private final FakeDaemons daemons = new FakeDaemons();

    @BeforeAll
    static void setUpSudo() throws Exception {
        assumeTrue(isRoot(), "needs root to create a user and a sudoers rule");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (.ci/install-deps installs it)");
        run("sh", "-c", "id " + OPERATOR + " >/dev/null 2>&1 || useradd -M -s /bin/sh " + OPERATOR);
        base = Files.createTempDirectory("smart-sudo-it", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        system = new ConfigDir(base.resolve("etc-smart"));
        startScript = system.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
        // The installation's launcher: root-owned, it pins the system configuration for this test.
        wrapper = base.resolve("smart");
        Files.writeString(wrapper, "#!/bin/sh\nexec " + Path.of(System.getProperty("java.home"), "bin", "java")
                + " -Dsmart.system.conf=" + system.dir + " -jar " + SmartCli.HOME.resolve("target/smart.jar") + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rule = base.resolve("sudoers");
        Files.writeString(rule, OPERATOR + " ALL=(root) NOPASSWD: " + wrapper + "\n");
        run("visudo", "-cf", rule.toString());
        Files.copy(rule, SUDOERS, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(SUDOERS, PosixFilePermissions.fromString("r--r-----"));
    }

    @AfterAll
    static void removeSudoRule() throws Exception {
        if (base != null) {
            Files.deleteIfExists(SUDOERS);
            run("rm", "-rf", base.toString());
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void freshServices() {
        system.clearServices();
    }

    @AfterEach
    void tearDown() {
        daemons.close();
    }

    @Test
    void operatorRecoversADownServiceThroughSudo() throws Exception {
        String token = daemons.newToken();
        Path pid = system.dir.resolve("svc.pid");
        system.service("svc;sleep;" + token + ";1;1;" + startScript + " " + pid + " " + token + ";" + pid + ";;0;").write();

        SmartCli.Result result = asOperator("sudo", "-n", wrapper.toString(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
        assertThat(result.out()).containsPattern("svc\\s+3\\s+DOWN");
    }

    @Test
    void operatorCannotPointSmartAtAConfigurationOfItsOwn() throws Exception {
        system.service("svc;sleep;1;1;1;;;;0;").write();
        Path marker = base.resolve("pwned");
        Path evil = Files.createTempDirectory(base, "evil");
        ConfigDir own = new ConfigDir(evil);
        Path payload = own.script("payload", "#!/bin/sh\nid > " + marker + "\n");
        own.service("x;nothing;;1;1;" + payload + ";;;0;").write();
        run("chown", "-R", OPERATOR, evil.toString());

        SmartCli.Result byOption = asOperator("sudo", "-n", wrapper.toString(), "--conf", evil.toString(), "-d");
        SmartCli.Result byEnv = asOperator("env", "SMART_CONF=" + evil, "sudo", "-n", wrapper.toString(), "-d");

        assertThat(byOption.exitCode()).isEqualTo(3);
        assertThat(byOption.err()).contains("--conf is refused under sudo");
        assertThat(byEnv.out()).as("sudo's env_reset drops SMART_CONF: the system configuration is used")
                .contains("svc").doesNotContain("x ");
        assertThat(marker).as("no command of the operator's configuration ran as root").doesNotExist();
    }

    /** Issue 10 "Also": else root writes its state, pid and spool wherever the operator says. */
    @Test
    void operatorCannotChooseTheStateDirectory() throws Exception {
        system.service("svc;sleep;1;1;1;;;;0;").write();
        Path chosen = base.resolve("operator-state");

        SmartCli.Result daemon = asOperator("timeout", "20", "sudo", "-n", wrapper.toString(), "daemon",
                "--state-dir", chosen.toString());
        SmartCli.Result status = asOperator("sudo", "-n", wrapper.toString(), "status", "--state-dir",
                chosen.toString());

        assertThat(daemon.exitCode()).as(daemon.toString()).isEqualTo(3);
        assertThat(daemon.err()).contains("--state-dir is refused under sudo");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(3);
        assertThat(chosen).as("root wrote nothing where the operator chose").doesNotExist();
    }

    @Test
    void configurationThatOthersCanWriteIsRefused() throws Exception {
        Path script = system.script("scripts/check.sh", "#!/bin/sh\necho ok\n");
        system.service("svc;sleep;1;1;1;;;;0;check.sh").write();
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            SmartCli.Result result = asOperator("sudo", "-n", wrapper.toString());

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.err()).contains(script.toString()).contains("writable");
        } finally {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static SmartCli.Result asOperator(String... command) {
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", OPERATOR, "--"));
        argv.addAll(List.of(command));
        return SmartCli.exec(argv, Map.of());
    }

    private static void run(String... command) throws Exception {
        SmartCli.Result result = SmartCli.exec(List.of(command), Map.of());
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + result);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
