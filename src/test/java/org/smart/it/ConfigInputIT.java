package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, cases 8 and 11, end to end through {@code bin/smart}: names that would escape STATE_DIR or
 * break a path, and bad bytes in any field, are configuration problems naming file, line and field; they
 * never crash the run, and every other service is still checked.
 */
class ConfigInputIT {

    private static final String GOOD = "good;none;;0;0;;;;0;ok.sh";

    @TempDir
    Path tmp;

    private ConfigDir conf;
    private final SmartCli smart = new SmartCli();

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(tmp.resolve("conf"));
        conf.script("scripts/ok.sh", "#!/bin/sh\necho fine\nexit 0\n");
    }

    /** The problems {@code config check} prints must name the file and line, and nothing may crash. */
    private SmartCli.Result configCheck() {
        SmartCli.Result result = smart.run("config", "check", "--conf", conf.path());
        assertClean(result);
        return result;
    }

    private static void assertClean(SmartCli.Result result) {
        assertThat(result.out() + result.err()).as(result.toString())
                .doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("\0");
    }

    /** A one-shot check of the same configuration still checks the good service. */
    private void goodServiceIsStillChecked(String... flags) {
        SmartCli.Result run = smart.run(Stream.concat(Stream.of("--conf", conf.path()), Stream.of(flags)).toList());
        assertClean(run);
        assertThat(run.out()).as(run.toString()).containsPattern("good\\s+0\\s+OK");
    }

    private void writeServices(String... lines) throws IOException {
        conf.write();
        Files.writeString(conf.dir.resolve("services.conf"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    // ---- case 8: names ----

    @Test
    void aNameThatClimbsOutOfTheStateDirectoryIsRefusedAndNothingIsWrittenOutsideIt() throws IOException {
        writeServices(GOOD, "../../escape;nosuchprocess;;1;1;/bin/true;;;0;");

        SmartCli.Result check = configCheck();
        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).contains(conf.dir.resolve("services.conf") + ":2: field 1 (NAME): '../../escape'");

        goodServiceIsStillChecked("-d");
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(f -> f.getFileName().toString().contains("escape"))).isEmpty();
        }
    }

    @Test
    void aNameWithASlashOrOnlyDotsIsRefusedInBothFiles() throws IOException {
        conf.smartYml("""
                services:
                  - name: api/v2
                    procs: {min: 0, max: 0}
                  - name: "."
                    procs: {min: 0, max: 0}
                """);
        writeServices(GOOD, "web/1;nosuchprocess;;1;1;/bin/true;;;0;", "..;x;;0;0;;;;0;", "...;x;;0;0;;;;0;");

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out())
                .contains("services.conf:2: field 1 (NAME): 'web/1'")
                .contains("services.conf:3: field 1 (NAME): '..'")
                .contains("services.conf:4: field 1 (NAME): '...'")
                .contains("smart.yml:2:5: services[0].name: 'api/v2'")
                .contains("smart.yml:4:5: services[1].name: '.'")
                .contains("1 service(s) would still be checked");
    }

    @Test
    void aNameInTheSafeAlphabetIsAccepted() throws IOException {
        writeServices(GOOD, "getty@tty1_web-2.eu;x;;0;0;;;;0;");

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).as(check.toString()).isZero();
    }

    @Test
    void aRemoteHostNameOutsideTheAlphabetIsRefused() throws IOException {
        conf.smartYml("""
                hosts:
                  - name: "db 1"
                """);
        writeServices(GOOD);

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).contains("smart.yml:2:5: hosts[0].name: 'db 1'");
    }

    // ---- case 11: bad bytes in any field ----

    @Test
    void aNulInACheckScriptNameIsAProblemNotACrash() throws IOException {
        writeServices(GOOD, "bad;none;;0;0;;;;0;ok\0.sh");

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).contains("services.conf:2: field 10 (check_script): ")
                .contains("control character U+0000");
        goodServiceIsStillChecked();
    }

    @Test
    void aNulInAnAbsoluteStartCommandIsAProblemNotACrash() throws IOException {
        writeServices(GOOD, "bad;nosuchprocess;;1;1;/bin/tr\0ue;;;0;");

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).contains("services.conf:2: field 6 (start_command): ");
        goodServiceIsStillChecked("-d");
    }

    @Test
    void aNulInANotifyCommandIsAProblemNotACrash() throws IOException {
        conf.host("NOTIFY_COMMAND=/bin/no\0tify");
        writeServices(GOOD);

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).containsPattern("host.conf:\\d+: NOTIFY_COMMAND: .*control character U\\+0000");
        goodServiceIsStillChecked();
    }

    @Test
    void aNulInAPluginIsAProblemNotACrash() throws IOException {
        conf.smartYml("""
                services:
                  - name: plug
                    procs: {min: 0, max: 0}
                    plugin: "/usr/lib/nagios/plugins/check_\\0dummy 0"
                """);
        writeServices(GOOD);

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).contains("smart.yml:4:5: services[0].plugin: ").contains("U+0000");
        goodServiceIsStillChecked();
    }

    @Test
    void aControlCharacterInCheckHostIsAProblem() throws IOException {
        conf.host("CHECK_HOST=\"127.0.0.1\u0001\"");
        writeServices(GOOD);

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).containsPattern("host.conf:\\d+: CHECK_HOST: .*control character U\\+0001");
    }

    @Test
    void aNulInAYamlServiceNameOrCheckHostIsAProblemAndTheOtherServicesAreChecked() throws IOException {
        conf.smartYml("""
                settings:
                  check_host: "127.0.0.1\\0"
                services:
                  - name: "we\\0b"
                    procs: {min: 0, max: 0}
                """);
        writeServices(GOOD);

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).contains("smart.yml:2:3: settings.check_host: ")
                .contains("smart.yml:4:5: services[0].name: ");
        goodServiceIsStillChecked();
    }

    @Test
    void anEscapeSequenceInAFieldIsAProblemAndIsNotEchoedRaw() throws IOException {
        writeServices(GOOD, "bad;sleep;\u001b[2J;1;1;;;;0;");

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).contains("services.conf:2: field 3 (process_param): ").doesNotContain("\u001b");
    }

    @Test
    void aTabInsideAFieldIsAProblemButTabsAroundFieldsAreLayout() throws IOException {
        writeServices(GOOD, "tabbed;\tnone\t;;0;0;;;;0;", "bad;sleep;a\tb;1;1;;;;0;");

        SmartCli.Result check = configCheck();

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).contains("services.conf:3: field 3 (process_param): ")
                .doesNotContain("services.conf:2")
                .contains("2 service(s) would still be checked");
    }

    @Test
    void aNonAsciiScriptNameInAnAsciiLocaleIsAProblemNotACrash() throws IOException {
        writeServices(GOOD, "cafe;none;;0;0;;;;0;caf\u00e9.sh");

        SmartCli.Result check = new SmartCli().env("LANG", "C").env("LC_ALL", "C")
                .run("config", "check", "--conf", conf.path());

        assertClean(check);
        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).contains("services.conf:2: field 10 (check_script): ");
    }

    @Test
    void aNonAsciiSmartConfInAnAsciiLocaleIsRefusedCleanly() {
        SmartCli.Result run = new SmartCli().env("LANG", "C").env("LC_ALL", "C").env("SMART_CONF", "/tmp/caf\u00e9")
                .run("config", "check");

        assertClean(run);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("SMART_CONF");
    }

    // ---- plugin output ----

    @Test
    void aCheckScriptsEscapeSequencesNulsAndBadBytesNeverReachTheTerminalRaw() throws IOException {
        conf.script("scripts/evil.sh", "#!/bin/sh\nprintf 'OK \\033[2J\\033]0;pwned\\007 \\377\\376 nul:\\000: | a=1\\n'\n"
                + "exit 2\n");
        writeServices(GOOD, "evil;none;;0;0;;;;0;evil.sh");

        SmartCli.Result run = smart.run("--conf", conf.path());

        assertClean(run);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).containsPattern("evil\\s+4\\s+DOWN").contains("\\x{1B}[2J")
                .doesNotContain("\u001b").doesNotContain("\u0007");
    }

    // ---- an empty configuration ----

    @Test
    void anEmptyConfigurationIsAProblemForConfigCheckAndARunSaysSoInOneLine() throws IOException {
        writeServices("# nothing yet");

        SmartCli.Result check = configCheck();
        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.out()).contains(conf.dir.resolve("services.conf") + ": no service to monitor");

        SmartCli.Result run = smart.run("--conf", conf.path());
        assertClean(run);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines().toList()).as(run.toString()).hasSize(1)
                .allMatch(line -> line.contains("no service to monitor"));
    }
}
