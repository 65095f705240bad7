package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.feed.ParsedCommand;
import org.smart.ssh.OpenSshServer;

/**
 * The daemon with a remote host whose sshd is killed while it runs and comes back: the host is DOWN, its
 * services UNREACHABLE with one host notification and none of their own, then one recovery; every result and
 * each change of the host is fed to a Nagios command file.
 */
class RemoteDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    private final FakeDaemons daemons = new FakeDaemons();
    private OpenSshServer sshd;
    private DaemonProcess daemon;
    private ConfigDir conf;
    private Path notified;
    private Path commandFile;

    @BeforeEach
    void setUp() throws Exception {
        sshd = OpenSshServer.create(10);
        sshd.start();
        conf = new ConfigDir(tmp.resolve("conf"));
        notified = tmp.resolve("notified");
        Path notify = conf.script("notify.sh", "#!/bin/sh\necho \"$SMART_KIND $SMART_HOST $SMART_SERVICE $SMART_STATE\""
                + " >> " + notified + "\n");
        conf.setHost("NOTIFY_COMMAND", notify.toString()).setHost("INTERVAL", "1").setHost("MAX_CHECK_ATTEMPTS", "1");
        Files.createDirectories(conf.dir.resolve("ssh"));
        Path key = Files.copy(sshd.userKey(), conf.dir.resolve("ssh/id_ed25519"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        sshd.writeKnownHosts(conf.dir.resolve("ssh/known_hosts"));
        commandFile = Files.createFile(tmp.resolve("nagios.cmd"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        daemons.close();
        sshd.close();
    }

    @Test
    void sshdKilledMidRunMakesTheHostDownWithOneNotificationThenOneRecovery() throws Exception {
        Path remote = Files.createDirectories(tmp.resolve("remote"));
        Path startScript = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
        String web = daemons.newToken();
        String db = daemons.newToken();
        conf.write();
        Files.writeString(conf.dir.resolve("smart.yml"), String.join("\n",
                "hosts:",
                "  - { name: lo, address: " + OpenSshServer.HOST + ", port: " + sshd.port() + ", user: " + sshd.user()
                        + ", conf_dir: " + remote + " }",
                "services:",
                "  - { name: web, host: lo, process: sleep, args: '" + web + "', pid_file: " + remote.resolve("web.pid")
                        + " }",
                "  - { name: db, host: lo, process: sleep, args: '" + db + "', pid_file: " + remote.resolve("db.pid")
                        + " }",
                "feed:",
                "  command_file: { path: " + commandFile + " }",
                ""));
        daemons.startDirectly(startScript, remote.resolve("web.pid"), web);
        daemons.startDirectly(startScript, remote.resolve("db.pid"), db);
        daemon = DaemonProcess.start(conf, tmp.resolve("daemon.log"));
        for (String service : List.of("web", "db")) {
            daemon.awaitService(service, WAIT, s -> s.path("state").asText().equals("OK"));
        }

        sshd.kill();

        for (String service : List.of("web", "db")) {
            JsonNode unreachable = daemon.awaitService(service, WAIT,
                    s -> s.path("state").asText().equals("UNREACHABLE"));
            assertThat(unreachable.path("blocked_by").asText()).isEqualTo("host lo");
            assertThat(unreachable.path("status").isNull()).isTrue();
        }
        await().atMost(WAIT).until(() -> notifications().contains("HOST_DOWN lo  DOWN"));
        assertThat(FakeDaemons.count(web)).as("an unreachable service is not restarted").isEqualTo(1);

        sshd.start();

        for (String service : List.of("web", "db")) {
            daemon.awaitService(service, WAIT, s -> s.path("state").asText().equals("OK"));
        }
        await().atMost(WAIT).until(() -> notifications().contains("HOST_UP lo  UP"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> notifications().size() == 2); // a few more rounds: nothing more may be notified
        assertThat(notifications()).containsExactly("HOST_DOWN lo  DOWN", "HOST_UP lo  UP");
        List<ParsedCommand> fed = ParsedCommand.parseAll(Files.readString(commandFile));
        assertThat(fed.stream().filter(c -> c.command().equals("PROCESS_HOST_CHECK_RESULT")).map(ParsedCommand::code))
                .containsExactly(0, 1, 0);
        assertThat(fed).filteredOn(c -> "web".equals(c.service())).extracting(ParsedCommand::code)
                .contains(0, 3).allMatch(code -> code == 0 || code == 3);
        assertThat(daemon.log()).contains("host lo: DOWN, its services are UNREACHABLE")
                .contains("host lo: UP again");
    }

    private List<String> notifications() throws Exception {
        return Files.exists(notified) ? Files.readAllLines(notified) : List.of();
    }
}
