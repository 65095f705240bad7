package org.smart.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;

class ServicesConfParserTest {

    private static final String GOOD_LINE = "CRON;cron;;1;1;;;;0;";
    private static final String FIELDS = "(NAME;process_name[:port];process_param;max_procs;min_procs;start_command;"
            + "pid_file;sock_file;start_mode;check_script)";

    @TempDir
    Path temp;
    ConfigDir conf;

    @BeforeEach
    void scripts() throws Exception {
        conf = new ConfigDir(temp);
        conf.script("imap.nag", "rwxr-xr-x");
        conf.script("disk.sh", "rwx------");
        conf.script("plain.txt", "rw-r--r--");
        Files.createDirectories(temp.resolve("scripts/subdir"));
    }

    private Parsed<List<ServiceSpec>> parse(String... lines) {
        return new ServicesConfParser().parse(conf.write("services.conf", lines));
    }

    @Test
    void readsTheOriginalSmartExampleLines() {
        Parsed<List<ServiceSpec>> parsed = parse(
                "# NAME;process_name[:port];process_param;max_procs;min_procs;start_command;pid_file;sock_file;start_mode;check_script",
                "",
                "IMAP;couriertcpd:143;imapd;10;1;/usr/lib/courier/imapd.rc;/var/run/imapd.pid;;1;imap.nag",
                "POP3;couriertcpd:110;pop3d;10;1;/usr/lib/courier/pop3d.rc;/var/run/pop3d.pid;;1;",
                "   # an indented comment",
                "DISK;df;;0;0;;;;0;disk.sh;",
                "  SYSLOG ; syslogd ; -m 0 ; 1 ; 1 ; /etc/init.d/sysklogd ; run/syslogd.pid ; /dev/log ; 0 ;  ");

        assertThat(conf.render(parsed.problems())).as("only the start programs this machine lacks")
                .allSatisfy(problem -> assertThat(problem).contains(": field 6 (start_command): /").contains(": no such file;"));
        assertThat(parsed.value()).extracting(ServiceSpec::name).containsExactly("IMAP", "POP3", "DISK", "SYSLOG");
        ServiceSpec imap = parsed.value().get(0);
        assertThat(imap.processName()).isEqualTo("couriertcpd");
        assertThat(imap.port()).isEqualTo(143);
        assertThat(imap.processParam()).isEqualTo("imapd");
        assertThat(imap.maxProcs()).isEqualTo(10);
        assertThat(imap.minProcs()).isEqualTo(1);
        assertThat(imap.startCommand()).isEqualTo("/usr/lib/courier/imapd.rc");
        assertThat(imap.pidFile()).isEqualTo(Path.of("/var/run/imapd.pid"));
        assertThat(imap.sockFile()).isNull();
        assertThat(imap.startMode()).isEqualTo(StartMode.INIT_SCRIPT);
        assertThat(imap.checkScript()).isEqualTo("imap.nag");
        assertThat(imap.origin().line()).isEqualTo(3);
        assertThat(parsed.value().get(1).hasCheckScript()).isFalse();
        ServiceSpec disk = parsed.value().get(2);
        assertThat(disk.hasProcessTest()).isFalse();
        assertThat(disk.hasPort()).isFalse();
        assertThat(disk.isRestartable()).isFalse();
        assertThat(disk.startMode()).isEqualTo(StartMode.PLAIN);
    }

    @Test
    void trimsFieldsAndResolvesRelativePathsAgainstTheConfigurationDirectory() {
        ServiceSpec syslog = parse("  SYSLOG ; syslogd ; -m 0 ; 1 ; 1 ; /etc/init.d/sysklogd ; run/syslogd.pid ; ../sock ; 0 ;  ")
                .value().get(0);

        assertThat(syslog.name()).isEqualTo("SYSLOG");
        assertThat(syslog.processParam()).isEqualTo("-m 0");
        assertThat(syslog.pidFile()).isEqualTo(conf.dir.resolve("run/syslogd.pid"));
        assertThat(syslog.sockFile()).isEqualTo(conf.dir.getParent().resolve("sock"));
    }

    @Test
    void aStartProgramThatIsNotThereIsAProblemButTheServiceIsStillChecked() throws Exception {
        Path plain = conf.write("daemons/plain", "#!/bin/sh");
        conf.write("daemons/web", "#!/bin/sh");
        Files.setPosixFilePermissions(conf.dir.resolve("daemons/web"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwxr-xr-x"));
        Parsed<List<ServiceSpec>> parsed = parse(
                "gone;p;;1;1;/nonexistent/sbin/startd --now;;;0;",
                "rel;p;;1;1;./daemons/missing;;;1;",
                "bare;p;;1;1;no-such-program-4242 -f;;;0;",
                "plain;p;;1;1;" + plain + ";;;0;",
                "web;p;;1;1;./daemons/web start;;;0;",
                "path;p;;1;1;true;;;0;",
                "shell;p;;1;1;cd /nonexistent && ./run;;;0;",
                "none;p;;1;1;;;;0;");

        assertThat(conf.render(parsed.problems())).containsExactly(
                "services.conf:1: field 6 (start_command): /nonexistent/sbin/startd: no such file;"
                        + " the service is checked, but cannot be restarted until it is there",
                "services.conf:2: field 6 (start_command): daemons/missing: no such file;"
                        + " the service is checked, but cannot be restarted until it is there",
                "services.conf:3: field 6 (start_command): no-such-program-4242: not found in PATH "
                        + System.getenv("PATH") + "; the service is checked, but cannot be restarted until it is there",
                "services.conf:4: field 6 (start_command): daemons/plain: not executable;"
                        + " the service is checked, but cannot be restarted until it is there");
        assertThat(parsed.value()).as("every service is still checked").extracting(ServiceSpec::name)
                .containsExactly("gone", "rel", "bare", "plain", "web", "path", "shell", "none");
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                bad("IMAP;couriertcpd:143;imapd;10;1", "found 5 fields, expected 10 " + FIELDS),
                bad("A;p;;1;1;;;;0;;;", "found 12 fields, expected 10 " + FIELDS),
                bad("A;p;;1;1;;;;0;;extra", "found 11 fields, expected 10 " + FIELDS),
                bad(";p;;1;1;;;;0;", "field 1 (NAME): must not be empty"),
                bad("A;;;1;1;;;;0;", "field 2 (process_name[:port]): must not be empty"),
                bad("A;:80;;1;1;;;;0;", "field 2 (process_name[:port]): the process name before ':' must not be empty in ':80'"),
                bad("A;p:http;;1;1;;;;0;", "field 2 (process_name[:port]): 'http' is not a port number from 1 to 65535"),
                bad("A;p:0;;1;1;;;;0;", "field 2 (process_name[:port]): '0' is not a port number from 1 to 65535"),
                bad("A;p:65536;;1;1;;;;0;", "field 2 (process_name[:port]): '65536' is not a port number from 1 to 65535"),
                bad("A;p:;;1;1;;;;0;", "field 2 (process_name[:port]): '' is not a port number from 1 to 65535"),
                bad("A;p;;;1;;;;0;", "field 4 (max_procs): must not be empty"),
                bad("A;p;;ten;1;;;;0;", "field 4 (max_procs): 'ten' is not a whole number >= 0"),
                bad("A;p;;1.5;1;;;;0;", "field 4 (max_procs): '1.5' is not a whole number >= 0"),
                bad("A;p;;1;;;;;0;", "field 5 (min_procs): must not be empty"),
                bad("A;p;;1;-1;;;;0;", "field 5 (min_procs): '-1' is not a whole number >= 0"),
                bad("A;p;;1;2;;;;0;", "field 5 (min_procs): 2 is greater than max_procs 1"),
                bad("A;p;;1;1;;;;;", "field 9 (start_mode): must not be empty"),
                bad("A;p;;1;1;;;;2;", "field 9 (start_mode): '2' is not 0 (run the start command as it is)"
                        + " or 1 (init script: add start/stop)"),
                bad("A;p;;1;1;;;;0;../x.sh", "field 10 (check_script): '../x.sh' must be the name of a file in"
                        + " scripts, without '/'"),
                bad("A;p;;1;1;;;;0;..", "field 10 (check_script): '..' must be the name of a file in scripts, without '/'"),
                bad("A;p;;1;1;;;;0;/bin/true", "field 10 (check_script): '/bin/true' must be the name of a file in"
                        + " scripts, without '/'"),
                bad("A;p;;1;1;;;;0;missing.sh", "field 10 (check_script): 'missing.sh' does not exist in scripts"),
                bad("A;p;;1;1;;;;0;plain.txt", "field 10 (check_script): 'scripts/plain.txt' is not executable;"
                        + " fix: chmod +x scripts/plain.txt"),
                bad("A;p;;1;1;;;;0;subdir", "field 10 (check_script): 'scripts/subdir' is not a regular file"),
                bad("../../escape;p;;1;1;;;;0;", "field 1 (NAME): '../../escape' " + NOT_A_NAME),
                bad("web/1;p;;1;1;;;;0;", "field 1 (NAME): 'web/1' " + NOT_A_NAME),
                bad("..;p;;1;1;;;;0;", "field 1 (NAME): '..' " + NOT_A_NAME),
                bad("-x;p;;1;1;;;;0;", "field 1 (NAME): '-x' " + NOT_A_NAME),
                bad("my web;p;;1;1;;;;0;", "field 1 (NAME): 'my web' " + NOT_A_NAME),
                bad("a".repeat(101) + ";p;;1;1;;;;0;", "field 1 (NAME): is 101 characters long; a name has at most 100"),
                bad("A;p;;1;1;;;;0;imap\0.nag", "field 10 (check_script): contains the control character U+0000 (NUL)"
                        + " at character 5; a value must be printable text"),
                bad("A;p;a\tb;1;1;;;;0;", "field 3 (process_param): contains the control character U+0009 (TAB)"
                        + " at character 2; a value must be printable text"),
                bad("A;p;;1;1;/bin/x \u001b[2J;;;0;", "field 6 (start_command): contains the control character U+001B"
                        + " (ESC) at character 8; a value must be printable text"),
                bad("A;p;;1;1;/bin/tr\0ue;;;0;", "field 6 (start_command): contains the control character U+0000 (NUL)"
                        + " at character 8; a value must be printable text"),
                bad("A;p;;1;1;/etc/init.d/x 'start;;;0;", "field 6 (start_command): '/etc/init.d/x 'start' cannot be"
                        + " split into words: unbalanced ' in start command"),
                bad("A;p;;1;1;;run/\u0085x.pid;;0;", "field 7 (pid_file): contains the control character U+0085"
                        + " at character 5; a value must be printable text"));
    }

    private static Arguments bad(String line, String expected) {
        return Arguments.of(line, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void reportsABadLineWithFileLineAndFieldAndStillLoadsTheOthers(String line, String expected) {
        Parsed<List<ServiceSpec>> parsed = parse("# comment", line, GOOD_LINE);

        assertThat(conf.render(parsed.problems())).containsExactly("services.conf:2: " + expected);
        assertThat(parsed.value()).extracting(ServiceSpec::name).containsExactly("CRON");
    }

    @Test
    void reportsEveryBadFieldOfALine() {
        Parsed<List<ServiceSpec>> parsed = parse(";p:x;;ten;1;;;;7;");

        assertThat(conf.render(parsed.problems())).containsExactly(
                "services.conf:1: field 1 (NAME): must not be empty",
                "services.conf:1: field 2 (process_name[:port]): 'x' is not a port number from 1 to 65535",
                "services.conf:1: field 4 (max_procs): 'ten' is not a whole number >= 0",
                "services.conf:1: field 9 (start_mode): '7' is not 0 (run the start command as it is)"
                        + " or 1 (init script: add start/stop)");
        assertThat(parsed.value()).isEmpty();
    }

    @Test
    void aDuplicateNameNamesTheEarlierLineAndKeepsTheFirst() {
        Parsed<List<ServiceSpec>> parsed = parse("WEB;nginx:80;;4;1;;;;0;", GOOD_LINE, "WEB;apache2:80;;4;1;;;;0;");

        assertThat(conf.render(parsed.problems()))
                .containsExactly("services.conf:3: field 1 (NAME): 'WEB' is already defined at line 1");
        assertThat(parsed.value()).extracting(ServiceSpec::processName).containsExactly("nginx", "cron");
    }

    private static final String NOT_A_NAME = "is not a service name (it becomes a file name, STATE_DIR/logs/NAME.log):"
            + " use letters, digits, '.', '_', '-' and '@', starting with a letter or a digit";

    @Test
    void namesFromTheSafeAlphabetAndTabsAroundFieldsAreAccepted() {
        Parsed<List<ServiceSpec>> parsed = parse("getty@tty1;agetty;;1;1;;;;0;", "\tweb-2.eu_1\t;\tnginx ;;1;1;;;;0;");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.value()).extracting(ServiceSpec::name).containsExactly("getty@tty1", "web-2.eu_1");
        assertThat(parsed.value().get(1).processName()).isEqualTo("nginx");
    }

    @Test
    void aHugeFieldIsQuotedShortInTheMessage() {
        Parsed<List<ServiceSpec>> parsed = parse("A;p;;" + "9".repeat(100_000) + ";1;;;;0;");

        assertThat(parsed.problems()).singleElement().asString().hasSizeLessThan(1200)
                .contains("characters left out").endsWith("' is not a whole number >= 0");
    }

    @Test
    void acceptsWindowsLineEndings() {
        Parsed<List<ServiceSpec>> parsed = parse("A;a;;1;1;;;;0;\r", "B;b;;1;1;;;;0;\r");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.value()).extracting(ServiceSpec::name).containsExactly("A", "B");
    }

    @Test
    void aMissingFileIsAProblemNotAnException() {
        Parsed<List<ServiceSpec>> parsed = new ServicesConfParser().parse(temp.resolve("services.conf"));

        assertThat(conf.render(parsed.problems())).containsExactly("services.conf: does not exist");
        assertThat(parsed.value()).isEmpty();
    }
}
