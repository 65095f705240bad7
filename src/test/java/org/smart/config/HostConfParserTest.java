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
import org.smart.model.HostSettings;

class HostConfParserTest {

    private static final String KNOWN = "HOSTNAME, MAIL_TO, MAIL_FROM, SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_STARTTLS,"
            + " SMTP_PASSWORD_FILE, CHECK_TIMEOUT, START_TIMEOUT, STOP_TIMEOUT, REBOOT_COMMAND, CHECK_HOST, STATE_DIR,"
            + " INTERVAL, RETRY_INTERVAL, MAX_CHECK_ATTEMPTS, RECOVER, FLAPPING_ENABLED, FLAPPING_LOW, FLAPPING_HIGH,"
            + " RESTART_LIMIT, RESTART_DELAY, RENOTIFY_INTERVAL, WEBHOOK_URL, WEBHOOK_FORMAT, NOTIFY_COMMAND, NOTIFY_TIMEOUT,"
            + " CONTROL_GROUP";
    private static final String NO_PASSWORDS = "passwords must not be written into host.conf (other users, backups"
            + " and version control may read it); put the password in a file only SMART's user can read (chmod 600)"
            + " and set SMTP_PASSWORD_FILE to its path, or pass it in the SMART_SMTP_PASSWORD environment variable";

    @TempDir
    Path temp;
    ConfigDir conf;

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(temp);
    }

    private Parsed<HostSettings> parse(String... lines) {
        return new HostConfParser(HostnameSource.fixed("testhost")).parse(conf.write("host.conf", lines));
    }

    @Test
    void anEmptyFileGivesTheDefaultsWithTheMachinesHostName() {
        Parsed<HostSettings> parsed = parse("# nothing set", "");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.value()).isEqualTo(HostSettings.defaults("testhost"));
        assertThat(parsed.value().mailFrom()).isEqualTo("smart@testhost");
        assertThat(parsed.value().mailEnabled()).isFalse();
    }

    @Test
    void readsEveryKeyWithShellQuotingAndComments() {
        Parsed<HostSettings> parsed = parse(
                "# SMART host configuration",
                "HOSTNAME=web1",
                "export MAIL_TO=\"ops@example.org, boss@example.org\"   # both get mail",
                "MAIL_FROM='smart@web1.example.org'",
                "  SMTP_HOST=mail.example.org",
                "SMTP_PORT=587",
                "SMTP_USER=smart#1",
                "SMTP_STARTTLS=yes",
                "SMTP_PASSWORD_FILE=secrets/smtp.pass",
                "CHECK_TIMEOUT=2.5",
                "START_TIMEOUT=60",
                "STOP_TIMEOUT=0.25",
                "REBOOT_COMMAND='/sbin/shutdown -r now'",
                "CHECK_HOST=::1",
                "STATE_DIR=/var/lib/smart-test");

        assertThat(parsed.problems()).isEmpty();
        HostSettings settings = parsed.value();
        assertThat(settings.hostname()).isEqualTo("web1");
        assertThat(settings.mailTo()).containsExactly("ops@example.org", "boss@example.org");
        assertThat(settings.mailFrom()).isEqualTo("smart@web1.example.org");
        assertThat(settings.smtpHost()).isEqualTo("mail.example.org");
        assertThat(settings.smtpPort()).isEqualTo(587);
        assertThat(settings.smtpUser()).isEqualTo("smart#1");
        assertThat(settings.smtpStartTls()).isTrue();
        assertThat(settings.smtpPasswordFile()).isEqualTo(conf.dir.resolve("secrets/smtp.pass"));
        assertThat(settings.checkTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.stopTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.rebootCommand()).isEqualTo("/sbin/shutdown -r now");
        assertThat(settings.checkHost()).isEqualTo("::1");
        assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lib/smart-test"));
    }

    @Test
    void mailFromDefaultsToTheConfiguredHostName() {
        assertThat(parse("HOSTNAME=db2").value().mailFrom()).isEqualTo("smart@db2");
    }

    @Test
    void anEmptyMailToDisablesMail() {
        Parsed<HostSettings> parsed = parse("MAIL_TO=", "SMTP_PASSWORD_FILE=''");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.value().mailTo()).isEmpty();
        assertThat(parsed.value().smtpPasswordFile()).isNull();
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                bad("UNKNOWN_KEY=1", "UNKNOWN_KEY: unknown key; known keys are " + KNOWN),
                bad("hostname=web1", "hostname: unknown key; did you mean 'HOSTNAME'? known keys are " + KNOWN),
                bad("CHECK_TIMOUT=5", "CHECK_TIMOUT: unknown key; did you mean 'CHECK_TIMEOUT'? known keys are " + KNOWN),
                bad("SMTP_PASSWORD=hunter2", "SMTP_PASSWORD: " + NO_PASSWORDS),
                bad("export SMTP_PASS='hunter2'", "SMTP_PASS: " + NO_PASSWORDS),
                bad("MAIL_SECRET=x", "MAIL_SECRET: " + NO_PASSWORDS),
                bad("HOSTNAME=", "HOSTNAME: must not be empty"),
                bad("HOSTNAME='web 1'", "HOSTNAME: 'web 1' is not a host name: use letters, digits, '.', '_' and '-',"
                        + " starting with a letter or a digit"),
                bad("MAIL_TO=ops@example.org,nobody", "MAIL_TO: 'nobody' does not look like an e-mail address (user@host)"),
                bad("MAIL_FROM=smart", "MAIL_FROM: 'smart' does not look like an e-mail address (user@host)"),
                bad("SMTP_HOST=", "SMTP_HOST: must not be empty"),
                bad("SMTP_PORT=70000", "SMTP_PORT: '70000' is not a port number from 1 to 65535"),
                bad("SMTP_PORT=smtp", "SMTP_PORT: 'smtp' is not a port number from 1 to 65535"),
                bad("SMTP_STARTTLS=maybe", "SMTP_STARTTLS: 'maybe' is not yes, no, true, false, 1 or 0"),
                bad("CHECK_TIMEOUT=0", "CHECK_TIMEOUT: '0' is not a positive number of seconds (like 10 or 2.5)"),
                bad("START_TIMEOUT=-5", "START_TIMEOUT: '-5' is not a positive number of seconds (like 10 or 2.5)"),
                bad("STOP_TIMEOUT=10s", "STOP_TIMEOUT: '10s' is not a positive number of seconds (like 10 or 2.5)"),
                bad("REBOOT_COMMAND=", "REBOOT_COMMAND: must not be empty"),
                bad("CHECK_HOST=", "CHECK_HOST: must not be empty"),
                bad("STATE_DIR=", "STATE_DIR: must not be empty"),
                bad("just some words", "expected KEY=value, found 'just some words'"),
                bad("SMTP_PORT = 25", "no spaces are allowed around '=' (write KEY=value, and quote a value that has spaces)"),
                bad("SMTP_PORT= 25", "SMTP_PORT: no spaces are allowed around '=' (write KEY=value, and quote a value that has spaces)"),
                bad("MY-KEY=1", "'MY-KEY' is not a valid key name"),
                bad("REBOOT_COMMAND=/sbin/shutdown -r now", "REBOOT_COMMAND: unquoted space in the value, before"
                        + " '-r now'; put the whole value in quotes"),
                bad("MAIL_FROM='smart@web1", "MAIL_FROM: missing closing ' quote"),
                bad("MAIL_FROM=\"smart@web1", "MAIL_FROM: missing closing \" quote"),
                bad("MAIL_FROM=smart@$HOST", "MAIL_FROM: shell expansion ($VAR, $(command), `command`) is not supported;"
                        + " write the value out, or put it in single quotes if the '$' or '`' is meant literally"),
                bad("CHECK_HOST='127.0.0.1\u0001'", "CHECK_HOST: contains the control character U+0001 at character 10;"
                        + " a value must be printable text"),
                bad("NOTIFY_COMMAND=/bin/no\0tify", "NOTIFY_COMMAND: contains the control character U+0000 (NUL) at"
                        + " character 8; a value must be printable text"),
                bad("MAIL_FROM=\"smart@web1\tx\"", "MAIL_FROM: contains the control character U+0009 (TAB) at"
                        + " character 11; a value must be printable text"),
                bad("REBOOT_COMMAND=\"/sbin/reboot 'now\"", "REBOOT_COMMAND: '/sbin/reboot 'now' cannot be split into"
                        + " words: unbalanced ' in start command"),
                bad("\u001b[2JHOSTNAME=x", "'\\x{1B}[2JHOSTNAME' is not a valid key name"),
                bad("HOSTNAME=`hostname`", "HOSTNAME: shell expansion ($VAR, $(command), `command`) is not supported;"
                        + " write the value out, or put it in single quotes if the '$' or '`' is meant literally"));
    }

    private static Arguments bad(String line, String expected) {
        return Arguments.of(line, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void reportsABadLineAndKeepsTheDefaultAndTheOtherLines(String line, String expected) {
        Parsed<HostSettings> parsed = parse("SMTP_USER=smart", line, "CHECK_HOST=10.0.0.1");

        assertThat(conf.render(parsed.problems())).containsExactly("host.conf:2: " + expected);
        HostSettings defaults = HostSettings.defaults("testhost");
        assertThat(parsed.value()).isEqualTo(new HostSettings(defaults.hostname(), defaults.mailTo(),
                defaults.mailFrom(), defaults.smtpHost(), defaults.smtpPort(), "smart", defaults.smtpStartTls(),
                defaults.smtpPasswordFile(), defaults.checkTimeout(), defaults.startTimeout(),
                defaults.stopTimeout(), defaults.rebootCommand(), "10.0.0.1", defaults.stateDir(),
                defaults.servicePolicy(), defaults.webhookUrl(), defaults.webhookFormat(), defaults.notifyCommand(),
                defaults.notifyTimeout(), defaults.controlGroup()));
    }

    @Test
    void aPasswordIsNeverRepeatedInTheMessage() {
        Parsed<HostSettings> parsed = parse("SMTP_PASSWORD='hunter2'");

        assertThat(parsed.problems()).singleElement().asString().doesNotContain("hunter2");
    }

    @Test
    void aKeyGivenTwiceIsReportedAndTheLaterValueWins() {
        Parsed<HostSettings> parsed = parse("SMTP_PORT=25", "SMTP_PORT=587");

        assertThat(conf.render(parsed.problems()))
                .containsExactly("host.conf:2: SMTP_PORT: also set at line 1; the value given here is used");
        assertThat(parsed.value().smtpPort()).isEqualTo(587);
    }

    @Test
    void aBadValueAfterAGoodOneKeepsTheGoodOne() {
        Parsed<HostSettings> parsed = parse("SMTP_PORT=587", "SMTP_PORT=x");

        assertThat(parsed.problems()).hasSize(1);
        assertThat(parsed.value().smtpPort()).isEqualTo(587);
    }

    @Test
    void startTlsAcceptsEveryShellishSpellingOfABoolean() {
        for (String yes : List.of("yes", "YES", "true", "True", "1")) {
            assertThat(parse("SMTP_STARTTLS=" + yes).value().smtpStartTls()).as(yes).isTrue();
        }
        for (String no : List.of("no", "false", "FALSE", "0")) {
            assertThat(parse("SMTP_STARTTLS=" + no).value().smtpStartTls()).as(no).isFalse();
        }
    }

    @Test
    void aMissingFileIsAProblemAndGivesTheDefaults() {
        Parsed<HostSettings> parsed = new HostConfParser(HostnameSource.fixed("h")).parse(temp.resolve("host.conf"));

        assertThat(conf.render(parsed.problems())).containsExactly("host.conf: does not exist");
        assertThat(parsed.value()).isEqualTo(HostSettings.defaults("h"));
    }
}
