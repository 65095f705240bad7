package org.smart.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smart.model.Config;
import org.smart.model.HostSettings;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;

class YamlConfigParserTest {

    private static final String SERVICE_KEYS = "name, process, port, args, procs, start, start_mode, pid_file,"
            + " socket_file, check, plugin, host, interval, retry_interval, max_check_attempts, recover, flapping,"
            + " restart_limit, restart_delay, renotify_interval, depends_on";

    @TempDir
    Path temp;
    ConfigDir conf;

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(temp);
        conf.script("http.nag", "rwxr-xr-x");
    }

    private Config parse(String... lines) {
        return new YamlConfigParser(HostnameSource.fixed("testhost")).parse(conf.write("smart.yml", lines));
    }

    @Test
    void aControlCharacterAnywhereInAnEntryIsAProblemThatSkipsOnlyThatEntry() {
        Config config = parse(
                "services:",
                "  - name: \"we\\0b\"",
                "    process: nginx",
                "  - name: api",
                "    process: gunicorn",
                "    args: \"--bind\\e[2J\"",
                "  - name: db",
                "    process: postgres",
                "    \"dep\\x01\": x",
                "  - name: ok",
                "    process: cron",
                "feed:",
                "  host_name: \"mon\\u2028itor\"");

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:2:5: services[0].name: the value contains the control character U+0000 (NUL) at character 3;"
                        + " a value must be printable text",
                "smart.yml:6:5: services[1].args: the value contains the control character U+001B (ESC) at character 7;"
                        + " a value must be printable text",
                "smart.yml:9:5: services[2].dep\\x{1}: the key contains the control character U+0001 at character 4;"
                        + " a value must be printable text",
                "smart.yml:9:5: services[2].dep\\x{1}: unknown key; known keys are " + SERVICE_KEYS,
                "smart.yml:13:3: feed.host_name: the value contains the control character U+2028 at character 4;"
                        + " a value must be printable text");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("ok");
        assertThat(config.feed().anyEnabled()).isFalse();
    }

    @Test
    void namesOutsideTheSafeAlphabetAreRefusedInNamesAndDependencies() {
        Config config = parse(
                "services:",
                "  - name: ../../etc/cron.d/x",
                "    process: nginx",
                "  - name: web",
                "    process: nginx",
                "    depends_on: [\"db/1\"]",
                "  - name: getty@tty1",
                "    process: agetty");

        assertThat(conf.render(config.problems())).extracting(line -> line.substring(0, line.indexOf(" is not")))
                .containsExactly("smart.yml:2:5: services[0].name: '../../etc/cron.d/x'",
                        "smart.yml:6:5: services[1].depends_on: 'db/1'");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("getty@tty1");
    }

    @Test
    void aTopLevelKeySpeltLikeAListEntryIsAnUnknownKeyNotACrash() {
        Config config = parse("\"services[x]\": 1", "services:", "  - name: ok", "    process: cron");

        assertThat(conf.render(config.problems())).singleElement().asString().startsWith("smart.yml:1:1: services[x]: unknown key");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("ok");
    }

    @Test
    void readsTheDocumentedExample() {
        Config config = parse(
                "settings:            # every key optional, same meaning as host.conf",
                "  hostname: web1",
                "  mail_to: [ops@example.org]",
                "  mail_from: smart@web1",
                "  smtp: { host: mail.example.org, port: 587, user: smart, starttls: true, password_file: /etc/smart/smtp.pass }",
                "  check_timeout: 10      # seconds",
                "  start_timeout: 30",
                "  stop_timeout: 2.5",
                "  reboot_command: /sbin/reboot",
                "  check_host: 127.0.0.1",
                "  state_dir: state",
                "services:",
                "  - name: web",
                "    process: nginx",
                "    port: 80",
                "    args: \"master\"",
                "    procs: { min: 1, max: 10 }",
                "    start: /etc/init.d/nginx",
                "    start_mode: init-script",
                "    pid_file: /run/nginx.pid",
                "    socket_file: run/nginx.sock",
                "    check: http.nag",
                "  - name: disk",
                "    procs: { min: 0, max: 0 }",
                "  - name: cron",
                "    process: cron");

        assertThat(conf.render(config.problems())).as("only the start program this machine may lack")
                .allSatisfy(problem -> assertThat(problem).startsWith("smart.yml:18:5: services[0].start: /etc/init.d/nginx:"));
        assertThat(config.directory()).isEqualTo(conf.dir);
        HostSettings settings = config.settings();
        assertThat(settings.hostname()).isEqualTo("web1");
        assertThat(settings.mailTo()).containsExactly("ops@example.org");
        assertThat(settings.mailFrom()).isEqualTo("smart@web1");
        assertThat(settings.smtpHost()).isEqualTo("mail.example.org");
        assertThat(settings.smtpPort()).isEqualTo(587);
        assertThat(settings.smtpUser()).isEqualTo("smart");
        assertThat(settings.smtpStartTls()).isTrue();
        assertThat(settings.smtpPasswordFile()).isEqualTo(Path.of("/etc/smart/smtp.pass"));
        assertThat(settings.checkTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.stopTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.stateDir()).isEqualTo(conf.dir.resolve("state"));

        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("web", "disk", "cron");
        ServiceSpec web = config.services().get(0);
        assertThat(web).isEqualTo(new ServiceSpec("web", "nginx", 80, "master", 10, 1, "/etc/init.d/nginx",
                Path.of("/run/nginx.pid"), conf.dir.resolve("run/nginx.sock"), StartMode.INIT_SCRIPT, "http.nag",
                web.origin(), ServicePolicy.DEFAULT));
        assertThat(web.origin().line()).isEqualTo(13);
        ServiceSpec disk = config.services().get(1);
        assertThat(disk.hasProcessTest()).isFalse();
        assertThat(disk.processName()).isEmpty();
        ServiceSpec cron = config.services().get(2);
        assertThat(cron.minProcs()).isEqualTo(1);
        assertThat(cron.maxProcs()).isEqualTo(1);
        assertThat(cron.startMode()).isEqualTo(StartMode.PLAIN);
        assertThat(cron.startCommand()).isEmpty();
        assertThat(cron.pidFile()).isNull();
    }

    @Test
    void acceptsASingleRecipientWithoutAList() {
        Config config = parse("settings:", "  mail_to: ops@example.org, boss@example.org", "services: []");

        assertThat(config.problems()).isEmpty();
        assertThat(config.settings().mailTo()).containsExactly("ops@example.org", "boss@example.org");
    }

    @Test
    void anEmptyFileIsAnEmptyConfiguration() {
        Config config = parse("# nothing yet");

        assertThat(config.problems()).isEmpty();
        assertThat(config.services()).isEmpty();
        assertThat(config.settings()).isEqualTo(HostSettings.defaults("testhost"));
    }

    static Stream<Arguments> badServices() {
        return Stream.of(
                bad(List.of("    colour: red"), "smart.yml:5:5: services[1].colour: unknown key; known keys are " + SERVICE_KEYS),
                bad(List.of("    procs: {min: 1, mxa: 2}"),
                        "smart.yml:5:21: services[1].procs.mxa: unknown key; did you mean 'max'? known keys are min, max"),
                bad(List.of("    procs:", "      min: 1", "      maximum: 3"),
                        "smart.yml:7:7: services[1].procs.maximum: unknown key; known keys are min, max"),
                bad(List.of("    name: again"), "smart.yml:5:5: services[1].name: key given twice in the same mapping (first at line 4)"),
                bad(List.of("    port: [80, 443]"), "smart.yml:5:5: services[1].port: expected a single value, found a list"),
                bad(List.of("    procs: 3"), "smart.yml:5:5: services[1].procs: expected a mapping, found '3'"),
                bad(List.of("    port: 70000"), "smart.yml:5:5: services[1].port: '70000' is not a port number from 1 to 65535"),
                bad(List.of("    procs: {min: 2, max: 1}"), "smart.yml:5:13: services[1].procs.min: 2 is greater than procs.max 1"),
                bad(List.of("    procs: {min: one}"), "smart.yml:5:13: services[1].procs.min: 'one' is not a whole number >= 0"),
                bad(List.of("    procs: {max: -1}"), "smart.yml:5:13: services[1].procs.max: '-1' is not a whole number >= 0"),
                bad(List.of("    start_mode: daemon"), "smart.yml:5:5: services[1].start_mode: 'daemon' is not plain or init-script"),
                bad(List.of("    check: ../http.nag"), "smart.yml:5:5: services[1].check: '../http.nag' must be the name of a"
                        + " file in scripts, without '/'"),
                bad(List.of("    check: nothere.sh"), "smart.yml:5:5: services[1].check: 'nothere.sh' does not exist in scripts"));
    }

    private static Arguments bad(List<String> extraLines, String expected) {
        return Arguments.of(extraLines, expected);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badServices")
    void aBadEntryIsReportedWithLineAndFieldPathAndOnlyThatServiceIsSkipped(List<String> extraLines, String expected) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "services:",
                "  - name: first",
                "    process: a",
                "  - name: broken",
                "    process: b"));
        lines.addAll(4, extraLines);
        lines.addAll(List.of("  - name: last", "    process: c"));

        Config config = parse(lines.toArray(String[]::new));

        assertThat(conf.render(config.problems())).containsExactly(expected);
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("first", "last");
    }

    @Test
    void aMissingKeyIsReportedAtTheEntry() {
        Config config = parse(
                "services:",
                "  - name: ok",
                "    process: a",
                "  - port: 80",
                "  - name: noprocess",
                "    procs: {min: 1, max: 2}");

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:4:5: services[1].name: must not be empty",
                "smart.yml:4:5: services[1].process: must not be empty unless procs is {min: 0, max: 0}",
                "smart.yml:5:5: services[2].process: must not be empty unless procs is {min: 0, max: 0}");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("ok");
    }

    @Test
    void aDuplicateServiceNameNamesTheEarlierLine() {
        Config config = parse(
                "services:",
                "  - name: web",
                "    process: nginx",
                "  - name: web",
                "    process: apache2");

        assertThat(conf.render(config.problems()))
                .containsExactly("smart.yml:4:5: services[1].name: 'web' is already defined at line 2");
        assertThat(config.services()).extracting(ServiceSpec::processName).containsExactly("nginx");
    }

    @Test
    void aPluginLineRunsAStandardPluginWithItsArguments() {
        Config config = parse(
                "services:",
                "  - name: web",
                "    process: nginx",
                "    port: 8080",
                "    plugin: /bin/true -H $HOST -p $PORT");

        assertThat(config.problems()).isEmpty();
        ServiceSpec web = config.services().get(0);
        assertThat(web.plugin().words()).containsExactly("/bin/true", "-H", "$HOST", "-p", "$PORT");
        assertThat(web.hasCheckCommand()).isTrue();
        assertThat(web.hasCheckScript()).isFalse();
    }

    @Test
    void aStartProgramThatIsNotThereNamesItsFieldAndTheServiceStays() {
        Config config = parse(
                "services:",
                "  - name: web",
                "    process: nginx",
                "    start: /nonexistent/sbin/nginx -g 'daemon off;'",
                "  - name: cron",
                "    process: cron",
                "    start: /bin/true");

        assertThat(conf.render(config.problems())).containsExactly("smart.yml:4:5: services[0].start:"
                + " /nonexistent/sbin/nginx: no such file; the service is checked, but cannot be restarted until it is there");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("web", "cron");
    }

    @Test
    void aBadPluginLineNamesItsFieldAndTheOtherServicesStay() {
        Config config = parse(
                "services:",
                "  - name: both",
                "    process: a",
                "    check: http.nag",
                "    plugin: /bin/true",
                "  - name: macro",
                "    process: b",
                "    plugin: /bin/true -H $HOSTNAME",
                "  - name: noport",
                "    process: c",
                "    plugin: /bin/true -p $PORT",
                "  - name: missing",
                "    process: d",
                "    plugin: check_nothing_like_this -w 1",
                "  - name: ok",
                "    process: e",
                "    plugin: /bin/true");

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:5:5: services[0].plugin: a service runs either a check script (check) or a plugin, not both",
                "smart.yml:8:5: services[1].plugin: '/bin/true -H $HOSTNAME': unknown macro $HOSTNAME (known: $HOST,"
                        + " $PORT, $TIMEOUT, $SERVICE, $PLUGINS; $$ is a dollar sign)",
                "smart.yml:11:5: services[2].plugin: '/bin/true -p $PORT' uses $PORT, but the service has no port",
                "smart.yml:14:5: services[3].plugin: '/usr/lib/nagios/plugins/check_nothing_like_this' does not exist"
                        + " (install the standard plugins: apt install monitoring-plugins; or give the plugin's full path)");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("ok");
    }

    @Test
    void anEntryThatIsNotAMappingIsReported() {
        Config config = parse("services:", "  - web", "  -", "  - name: ok", "    process: p");

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:2:5: services[0]: expected a mapping, found 'web'",
                "smart.yml:3:4: services[1]: expected a mapping, found nothing");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("ok");
    }

    @Test
    void settingsProblemsKeepTheDefaultAndNameTheKeyPath() {
        Config config = parse(
                "settings:",
                "  hostname: web1",
                "  smtp:",
                "    port: 99999",
                "    hots: mail",
                "    password: hunter2",
                "  check_timeout: [1, 2]",
                "  intervall: 60",
                "services: []");

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:4:5: settings.smtp.port: '99999' is not a port number from 1 to 65535",
                "smart.yml:5:5: settings.smtp.hots: unknown key; did you mean 'host'? known keys are host, port, user, starttls, password_file",
                "smart.yml:6:5: settings.smtp.password: passwords must not be written into smart.yml (other users,"
                        + " backups and version control may read it); put the password in a file only SMART's user"
                        + " can read (chmod 600) and set settings.smtp.password_file to its path, or pass it in the"
                        + " SMART_SMTP_PASSWORD environment variable",
                "smart.yml:7:3: settings.check_timeout: expected a single value, found a list",
                "smart.yml:8:3: settings.intervall: unknown key; did you mean 'interval'? known keys are hostname, mail_to, mail_from, smtp,"
                        + " check_timeout, start_timeout, stop_timeout, reboot_command, check_host, state_dir, interval,"
                        + " retry_interval, max_check_attempts, recover, flapping, restart_limit, restart_delay,"
                        + " renotify_interval, webhook_url, webhook_format, notify_command, notify_timeout, control_group");
        assertThat(config.settings().hostname()).isEqualTo("web1");
        assertThat(config.settings().smtpPort()).isEqualTo(25);
        assertThat(config.settings().checkTimeout()).isEqualTo(HostSettings.DEFAULT_CHECK_TIMEOUT);
    }

    @Test
    void aSettingGivenTwiceInTheSameMappingIsReported() {
        Config config = parse("settings:", "  hostname: a", "  smtp: {port: 25}", "  hostname: b");

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:4:3: settings.hostname: key given twice in the same mapping (first at line 2)");
    }

    @Test
    void unknownTopLevelKeysAndShapesAreReported() {
        Config config = parse("setings:", "  hostname: x", "services: 3");

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:1:1: setings: unknown key; did you mean 'settings'? known keys are settings, services, hosts, feed",
                "smart.yml:3:1: services: expected a list, found '3'");
    }

    @Test
    void aDocumentThatIsNotAMappingIsReported() {
        Config config = parse("- name: web");

        assertThat(conf.render(config.problems())).containsExactly("smart.yml:1:1: expected a mapping, found a list");
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        Config config = parse("services:", "  - name: web", "    process: [nginx", "  - name: db");

        assertThat(config.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin().line()).isEqualTo(4);
            assertThat(problem.message()).startsWith("YAML syntax error: ");
        });
        assertThat(config.services()).isEmpty();
    }

    @Test
    void aSyntaxErrorNamesItsColumnToo() {
        Config config = parse("services:", "  - name: web", "    process: nginx", "   bad: indentation");

        assertThat(conf.render(config.problems())).singleElement().asString()
                .startsWith("smart.yml:4:4: YAML syntax error: ");
    }

    @Test
    void anUnknownKeyWrittenInAnotherSpellingOrWithATypoSaysWhichKeyItProbablyMeant() {
        Config config = parse("settings:", "  CHECK_TIMEOUT: 5", "  stateDir: /var/lib/x", "services:",
                "  - name: web", "    process: nginx", "    pid_flie: /run/nginx.pid", "    colour: red");

        assertThat(conf.render(config.problems())).extracting(line -> line.substring(0, line.indexOf(" known keys")))
                .containsExactly(
                        "smart.yml:2:3: settings.CHECK_TIMEOUT: unknown key; did you mean 'check_timeout'?",
                        "smart.yml:3:3: settings.stateDir: unknown key; did you mean 'state_dir'?",
                        "smart.yml:7:5: services[0].pid_flie: unknown key; did you mean 'pid_file'?",
                        "smart.yml:8:5: services[0].colour: unknown key;");
    }
}
