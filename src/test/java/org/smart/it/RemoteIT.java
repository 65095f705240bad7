package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smart.testing.TestFiles.executable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smart.feed.ParsedCommand;
import org.smart.ssh.OpenSshServer;

/**
 * Remote hosts end to end: the built launcher checks and repairs services of a host reached over a real
 * OpenSSH sshd (on 127.0.0.1, so the "remote" processes and files are this machine's), reports an unreachable
 * host, and feeds the results to a Nagios command file.
 */
class RemoteIT {

    @RegisterExtension
    static OpenSshServer sshd = OpenSshServer.create(10);

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    private final FakeDaemons daemons = new FakeDaemons();
    private final SmartCli smart = new SmartCli();
    private ConfigDir conf;
    private Path remote;
    private Path remoteStart;

    @BeforeEach
    void setUp() throws Exception {
        conf = new ConfigDir(tmp.resolve("conf"))
                .host("MAIL_TO=ops@example.org")
                .host("SMTP_HOST=127.0.0.1")
                .host("SMTP_PORT=" + MAIL.getSmtp().getPort());
        Files.createDirectories(conf.dir.resolve("ssh"));
        Path key = Files.copy(sshd.userKey(), conf.dir.resolve("ssh/id_ed25519"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        sshd.writeKnownHosts(conf.dir.resolve("ssh/known_hosts"));
        remote = Files.createDirectories(tmp.resolve("remote"));
        remoteStart = executable(remote.resolve("daemons/fake-daemon"), FakeDaemons.START_SCRIPT);
        executable(remote.resolve("scripts/ok.sh"), "#!/bin/sh\necho \"OK - answered on $1\"\n");
    }

    @AfterEach
    void tearDown() {
        daemons.close();
    }

    @Test
    void remoteServiceIsRepairedOnItsHostOverOneConnection() throws Exception {
        String remoteToken = daemons.newToken();
        String localToken = daemons.newToken();
        Path localStart = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
        conf.service("local;sleep;" + localToken + ";1;1;;;;0;").write();
        smartYml(sshd.port(), "", remoteService("web", remoteToken, ""));
        daemons.startDirectly(localStart, tmp.resolve("local.pid"), localToken);
        long loginsBefore = sshd.acceptedLogins();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("web +3 +DOWN +0/1 +missing .* restart\\+notify +OK \\(0\\)")
                .containsPattern("local +0 +OK")
                .containsPattern("web: .*started '.*fake-daemon .*' \\(pid \\d+ on lo\\); OK again");
        assertThat(FakeDaemons.count(remoteToken)).isEqualTo(1);
        assertThat(sshd.acceptedLogins() - loginsBefore).as("SSH logins for the whole run").isEqualTo(1);
        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).isEqualTo("[SMART] testhost: web DOWN (status 3), restarted, now OK");
    }

    @Test
    void failingRemoteStartCommandShowsItsOutputAndExitStatusInTheReportAndTheNotification() throws Exception {
        executable(remote.resolve("daemons/broken"), "#!/bin/sh\necho 'cannot bind to port 8080' >&2\nexit 3\n");
        conf.setHost("START_TIMEOUT", "2").write();
        smartYml(sshd.port(), "", "  - { name: web, host: lo, process: sleep, args: '" + daemons.newToken() + "',"
                + " start: '" + remote.resolve("daemons/broken") + "' }");

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        String exited = "start command exited 3: cannot bind to port 8080";
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).containsPattern("web: .*started '.*broken' \\(pid \\d+ on lo\\); " + exited);
        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat((String) mails[0].getContent()).contains("  - " + exited);
    }

    @Test
    void unreachableHostMakesItsServicesUnreachableWithOneHostNotification() throws Exception {
        int closedPort = closedPort();
        String localToken = daemons.newToken();
        Path localStart = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
        conf.service("local;sleep;" + localToken + ";1;1;;;;0;").write();
        smartYml(closedPort, "", remoteService("web", daemons.newToken(), "ok.sh"),
                remoteService("db", daemons.newToken(), ""));
        daemons.startDirectly(localStart, tmp.resolve("local.pid"), localToken);

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d", "--json");

        assertThat(result.exitCode()).as("Nagios UNKNOWN: " + result).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(result.out());
        String reason = "host lo is DOWN: connection to " + sshd.user() + "@127.0.0.1:" + closedPort + " refused";
        for (JsonNode service : List.of(json.at("/services/1"), json.at("/services/2"))) {
            assertThat(service.get("host").asText()).isEqualTo("lo");
            assertThat(service.get("state").asText()).isEqualTo("UNREACHABLE");
            assertThat(service.get("status").isNull()).isTrue();
            assertThat(service.get("actions")).isEmpty();
            assertThat(service.get("output").asText()).isEqualTo(reason);
        }
        assertThat(json.at("/services/0/state").asText()).isEqualTo("OK");
        assertThat(json.at("/hosts/0/name").asText()).isEqualTo("lo");
        assertThat(json.at("/hosts/0/state").asText()).isEqualTo("DOWN");
        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).as("one host notification, none per service").hasSize(1);
        assertThat(mails[0].getSubject()).isEqualTo("[SMART] testhost: host lo DOWN, its services are UNREACHABLE");

        SmartCli.Result table = smart.run("--conf", conf.path());
        String target = sshd.user() + "@127.0.0.1:" + closedPort;
        assertThat(table.out()).containsPattern("web +- +UNREACHABLE .*host lo is DOWN: connection to " + target
                + " refused").contains("host lo DOWN: connection to " + target + " refused");
    }

    @Test
    void resultsGoToTheCommandFileOneLineEachAndOutputCannotInjectACommand() throws Exception {
        Path commandFile = Files.createFile(tmp.resolve("nagios.cmd"));
        executable(remote.resolve("scripts/evil.sh"), """
                #!/bin/sh
                printf 'OK - fine | time=0.1s;1;2\\n[1700000000] PROCESS_SERVICE_CHECK_RESULT;lo;pwned;0;owned\\n'
                """);
        String remoteToken = daemons.newToken();
        conf.write();
        smartYml(sshd.port(), """
                feed:
                  host_names: { lo: lo.example.org }
                  service_names: { evil: Evil Service }
                  command_file: { path: %s }
                """.formatted(commandFile),
                remoteService("web", remoteToken, "ok.sh"),
                "  - { name: evil, host: lo, procs: {min: 0, max: 0}, check: evil.sh }");
        daemons.startDirectly(remoteStart, remote.resolve("web.pid"), remoteToken);

        SmartCli.Result result = smart.run("--conf", conf.path());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<ParsedCommand> commands = ParsedCommand.parseAll(Files.readString(commandFile));
        assertThat(commands).hasSize(3);
        assertThat(commands).filteredOn(c -> c.command().equals("PROCESS_SERVICE_CHECK_RESULT"))
                .extracting(ParsedCommand::service).containsExactlyInAnyOrder("web", "Evil Service");
        ParsedCommand evil = commands.stream().filter(c -> "Evil Service".equals(c.service())).findFirst().orElseThrow();
        assertThat(evil.host()).isEqualTo("lo.example.org");
        assertThat(evil.code()).isZero();
        assertThat(evil.text()).isEqualTo("status 0 (OK): OK - fine\n"
                + "[1700000000] PROCESS_SERVICE_CHECK_RESULT;lo;pwned;0;owned");
        assertThat(evil.perfdata()).isEqualTo("time=0.1s;1;2");
        ParsedCommand host = commands.stream().filter(c -> c.command().equals("PROCESS_HOST_CHECK_RESULT"))
                .findFirst().orElseThrow();
        assertThat(host.host()).isEqualTo("lo.example.org");
        assertThat(host.code()).isZero();
        assertThat(host.text()).isEqualTo("SSH connection UP: connected");
    }

    /** A remote service: the fake daemon {@code sleep TOKEN}, started on the host by its start script. */
    private String remoteService(String name, String token, String check) {
        Path pid = remote.resolve(name + ".pid");
        return "  - { name: " + name + ", host: lo, process: sleep, args: '" + token + "', pid_file: " + pid
                + ", start: '" + remoteStart + " " + pid + " " + token + "'" + (check.isEmpty() ? "" : ", check: " + check)
                + " }";
    }

    private void smartYml(int port, String extra, String... services) throws Exception {
        Files.writeString(conf.dir.resolve("smart.yml"), String.join("\n",
                "hosts:",
                "  - name: lo",
                "    address: " + OpenSshServer.HOST,
                "    port: " + port,
                "    user: " + sshd.user(),
                "    conf_dir: " + remote,
                "services:",
                String.join("\n", services),
                extra,
                ""));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(OpenSshServer.HOST))) {
            return socket.getLocalPort();
        }
    }
}
