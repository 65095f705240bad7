package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, for real: the operator's commands reach the running daemon over its control socket, act on real
 * processes, wait for the daemon's answer, and hold across a restart of the daemon; a one-shot run with an
 * action hands its work to the daemon instead of acting beside it.
 */
class ControlIT {

    /** Counts its starts in a file, then becomes {@code sleep TOKEN}. */
    private static final String COUNTING_START = """
            #!/bin/sh
            # usage: counting-start PIDFILE TOKEN STARTS
            echo start >> "$3"
            echo $$ > "$1"
            exec sleep "$2"
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeDaemons daemons = new FakeDaemons();
    private final SmartCli smart = new SmartCli();
    private final List<DaemonProcess> started = new ArrayList<>();
    private Path base;
    private ConfigDir conf;
    private Path starts;
    private String token;

    @BeforeEach
    void setUp() throws IOException {
        // readable by the throw-away users of the group test: the socket is reached through these directories
        base = Files.createTempDirectory("smart-control-it", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        conf = new ConfigDir(base.resolve("conf")).setHost("RESTART_DELAY", "0").setHost("MAX_CHECK_ATTEMPTS", "1")
                .setHost("INTERVAL", "1");
        starts = base.resolve("starts");
        token = daemons.newToken();
        Path script = conf.script("daemons/counting-start", COUNTING_START);
        Path pid = conf.dir.resolve("web.pid");
        conf.service("web;sleep;" + token + ";1;1;" + script + " " + pid + " " + token + " " + starts + ";" + pid
                + ";;0;");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (DaemonProcess daemon : started) {
            daemon.close();
        }
        daemons.close();
        SmartCli.exec(List.of("rm", "-rf", base.toString()), Map.of());
    }

    private DaemonProcess daemon() {
        DaemonProcess daemon = DaemonProcess.start(conf, base.resolve("daemon.log"));
        started.add(daemon);
        // the log is shared with an earlier daemon: its answer on the socket says this one is up
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .failFast("the daemon exited", () -> !daemon.isAlive())
                .until(() -> run("status").exitCode() != 3);
        return daemon;
    }

    private DaemonProcess daemonWithWebOk() {
        conf.write();
        DaemonProcess daemon = daemon();
        daemon.awaitService("web", Duration.ofSeconds(60), s -> s.path("state").asText().equals("OK"));
        return daemon;
    }

    private long startsSoFar() throws IOException {
        return Files.exists(starts) ? Files.readAllLines(starts).size() : 0;
    }

    private SmartCli.Result run(String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--conf", conf.path()));
        return smart.run(argv);
    }

    private static JsonNode json(SmartCli.Result result) throws IOException {
        return JSON.readTree(result.out());
    }

    @Test
    void statusShowsPendingModePidUptimeAndMemoryAndExitsUnknownWithoutADaemon() throws Exception {
        conf.write();
        SmartCli.Result none = run("status");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(3);
        assertThat(none.err()).contains("no SMART daemon is running on").contains("--saved");

        conf.setHost("INTERVAL", "3600").write(); // the first checks are spread over the hour: most stay PENDING
        conf.service("late1;sleep;" + token + "-never;1;1;;;;0;").service("late2;sleep;" + token + "-never;1;1;;;;0;")
                .write();
        DaemonProcess daemon = daemon();
        SmartCli.Result pending = run("status", "late2", "--json");
        assertThat(pending.exitCode()).as(pending.toString()).isZero();
        JsonNode late = json(pending).get("services");
        assertThat(late).hasSize(1);
        assertThat(late.get(0).get("name").asText()).isEqualTo("late2");
        assertThat(late.get(0).get("state").asText()).as(pending.toString()).isEqualTo("PENDING");

        run("check", "web");
        JsonNode web = daemon.awaitService("web", Duration.ofSeconds(60), s -> s.path("state").asText().equals("OK")
                && s.path("pid").isNumber());
        long pid = Long.parseLong(Files.readString(conf.dir.resolve("web.pid")).strip());
        assertThat(web.get("pid").asLong()).isEqualTo(pid);
        assertThat(web.get("uptime_s").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(web.get("rss_bytes").asLong()).isPositive();
        assertThat(web.get("mode").asText()).isEqualTo("monitored");
        assertThat(web.has("silenced_until")).isTrue();

        SmartCli.Result table = run("status", "web");
        assertThat(table.out()).as(table.toString()).contains("MODE").contains("PID").contains("UPTIME").contains("RSS")
                .containsPattern("web\\s+0\\s+OK\\s+HARD\\s+monitored\\s+" + pid + "\\s");
        assertThat(run("status", "nosuch").exitCode()).isEqualTo(3);

        daemon.stop();
        SmartCli.Result after = run("status");
        assertThat(after.exitCode()).as(after.toString()).isEqualTo(3);
        SmartCli.Result saved = run("status", "--saved", "web");
        assertThat(saved.exitCode()).as(saved.toString()).isZero();
        assertThat(saved.out()).contains("daemon NOT running").contains("web");
    }

    @Test
    void checkRestartStopStartMonitorUnmonitorSilenceAndReset() throws Exception {
        DaemonProcess daemon = daemonWithWebOk();
        assertThat(startsSoFar()).isEqualTo(1);

        SmartCli.Result check = run("check", "web");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).startsWith("web: OK");

        long before = Long.parseLong(Files.readString(conf.dir.resolve("web.pid")).strip());
        SmartCli.Result restart = run("restart", "web");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("web: restarted, OK again");
        assertThat(startsSoFar()).isEqualTo(2);
        assertThat(FakeDaemons.running(token).map(ProcessHandle::pid).toList()).doesNotContain(before).hasSize(1);
        assertThat(daemon.log()).contains("control socket: root asks: restart web");

        SmartCli.Result stop = run("stop", "web", "--json");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(json(stop).get("services").get(0).get("done").asBoolean()).isTrue();
        assertThat(FakeDaemons.count(token)).isZero();
        assertThat(daemon.service("web").get("mode").asText()).isEqualTo("stopped");

        // a stopped service stays stopped across a restart of the daemon
        daemon.stop();
        DaemonProcess again = daemon();
        assertThat(again.service("web").get("mode").asText()).isEqualTo("stopped");
        assertThat(run("check", "web").exitCode()).as("a stopped service is not checked").isEqualTo(1);
        SmartCli.Result start = run("start", "web");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.out()).contains("web: started, OK again");
        assertThat(startsSoFar()).as("stopped until started, then started once").isEqualTo(3);
        assertThat(again.service("web").get("mode").asText()).isEqualTo("monitored");

        // unmonitored: a crash is left alone until it is monitored again, which repairs it
        assertThat(run("unmonitor", "web").exitCode()).isZero();
        FakeDaemons.killAll(token);
        await().atMost(Duration.ofSeconds(10)).until(() -> FakeDaemons.count(token) == 0);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> startsSoFar() == 3);
        assertThat(again.service("web").get("mode").asText()).isEqualTo("unmonitored");
        assertThat(run("monitor", "web").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> FakeDaemons.count(token) == 1);
        assertThat(startsSoFar()).isEqualTo(4);

        // silenced: checked and repaired, not notified; its end is the operator's or the clock's
        SmartCli.Result silence = run("silence", "web", "--for", "2h", "--reason", "planned work");
        assertThat(silence.exitCode()).as(silence.toString()).isZero();
        JsonNode silenced = again.service("web");
        assertThat(silenced.get("mode").asText()).startsWith("silenced until");
        assertThat(silenced.get("silenced_until").asText()).isNotEmpty();
        FakeDaemons.killAll(token);
        again.awaitLog("web: PROBLEM not notified: silenced until", Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(60)).until(() -> FakeDaemons.count(token) == 1);
        assertThat(run("silence", "--clear", "web").exitCode()).isZero();
        assertThat(again.service("web").get("mode").asText()).isEqualTo("monitored");
        assertThat(run("silence", "web").exitCode()).as("no --for").isEqualTo(3);

        SmartCli.Result reset = run("reset", "web");
        assertThat(reset.exitCode()).as(reset.toString()).isZero();
        assertThat(reset.out()).contains("restart count and flapping history cleared");

        SmartCli.Result unknown = run("restart", "nosuch");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("no service named nosuch");
    }

    @Test
    void anOperatorsRestartsLeaveFlappingAndTheRestartGuardAlone() throws Exception {
        conf.setHost("RESTART_LIMIT", "1/50").setHost("FLAPPING_ENABLED", "yes");
        DaemonProcess daemon = daemonWithWebOk();
        // the daemon's first start of web (DOWN, then OK) counted a restart and two changes of state: reset clears both
        JsonNode first = daemon.service("web");
        assertThat(first.get("restarts").asInt()).isEqualTo(1);
        assertThat(first.get("flapping_value").asDouble()).isPositive();
        assertThat(run("reset", "web").exitCode()).isZero();
        JsonNode reset = daemon.service("web");
        assertThat(reset.get("restarts").asInt()).isZero();
        assertThat(reset.get("flapping_value").asDouble()).isEqualTo(0.0);

        for (int i = 1; i <= 4; i++) {
            SmartCli.Result restart = run("restart", "web");
            assertThat(restart.exitCode()).as(restart.toString()).isZero();
        }
        assertThat(startsSoFar()).isEqualTo(5);
        JsonNode web = daemon.awaitService("web", Duration.ofSeconds(30), s -> s.path("check_count").asLong() >= 6);
        assertThat(web.get("restarts").asInt()).as("operator restarts are not counted").isZero();
        assertThat(web.get("given_up").asBoolean()).isFalse();
        assertThat(web.get("flapping").asBoolean()).isFalse();
        assertThat(web.get("flapping_value").asDouble()).isEqualTo(0.0);
        assertThat(web.get("state").asText()).isEqualTo("OK");

        // the guard's one restart is still there for a real crash
        FakeDaemons.killAll(token);
        await().atMost(Duration.ofSeconds(60)).until(() -> startsSoFar() == 6 && FakeDaemons.count(token) == 1);
        JsonNode crashed = daemon.awaitService("web", Duration.ofSeconds(30), s -> s.path("state").asText().equals("OK"));
        assertThat(crashed.get("restarts").asInt()).isEqualTo(1);
        assertThat(crashed.get("given_up").asBoolean()).isFalse();
    }

    @Test
    void aOneShotRunWithAnActionHandsItsWorkToTheDaemon() throws Exception {
        daemonWithWebOk();

        SmartCli.Result all = run("--all", "web");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out()).contains("handed to the SMART daemon").contains("web: restarted, OK again");
        assertThat(startsSoFar()).as("started once by the daemon, not also by the one-shot run").isEqualTo(2);
        assertThat(FakeDaemons.count(token)).isEqualTo(1);

        // the daemon notices the crash too: whichever of the two repairs it, web is started once
        FakeDaemons.killAll(token);
        SmartCli.Result down = run("-d", "--json");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        JsonNode web = json(down).get("services").get(0);
        assertThat(web.get("state").asText()).as(down.toString()).isEqualTo("OK");
        await().atMost(Duration.ofSeconds(10)).until(() -> FakeDaemons.count(token) == 1);
        assertThat(startsSoFar()).as(down.toString()).isEqualTo(3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> FakeDaemons.count(token) == 1);

        SmartCli.Result checkOnly = run("web");
        assertThat(checkOnly.out()).as("without an action flag a run only checks").doesNotContain("handed");
        assertThat(startsSoFar()).isEqualTo(3);
    }

    /**
     * The reboot command the daemon runs: records its environment, and whether the general notification was
     * out before it ran (the notification command's file holds it).
     */
    private Path rebootScript(Path environment, Path noticeFirst, Path notified, int exit) {
        return conf.script("reboot.sh", "#!/bin/sh\nenv > " + environment + "\ngrep -c 'rebooting now' " + notified
                + " > " + noticeFirst + "\nexit " + exit + "\n");
    }

    private Path notifyScript(Path notified) {
        return conf.script("notify.sh", "#!/bin/sh\necho \"$SMART_KIND $SMART_SUBJECT\" >> " + notified + "\n");
    }

    private DaemonProcess daemonWithSecretAndWebOk() {
        conf.write();
        DaemonProcess daemon = DaemonProcess.start(conf, base.resolve("daemon.log"), List.of(),
                Map.of("SMART_SMTP_PASSWORD", "s3cret-" + token));
        started.add(daemon);
        daemon.awaitService("web", Duration.ofSeconds(60), s -> s.path("state").asText().equals("OK"));
        return daemon;
    }

    @Test
    void aOneShotRebootIsHandedToTheDaemonWhichNotifiesSavesRebootsAndRepairsNoMore() throws Exception {
        Path notified = base.resolve("notified");
        Path environment = base.resolve("reboot-environment");
        Path noticeFirst = base.resolve("notice-first");
        conf.setHost("NOTIFY_COMMAND", notifyScript(notified).toString())
                .setHost("REBOOT_COMMAND", rebootScript(environment, noticeFirst, notified, 0).toString());
        DaemonProcess daemon = daemonWithSecretAndWebOk();
        assertThat(startsSoFar()).isEqualTo(1);

        // positive control: before the reboot request, a killed web is repaired
        FakeDaemons.killAll(token);
        await().atMost(Duration.ofSeconds(60)).until(() -> startsSoFar() == 2 && FakeDaemons.count(token) == 1);

        SmartCli.Result reboot = run("--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        assertThat(reboot.out()).contains("handed to the SMART daemon").contains("web: OK")
                .contains("notification command: delivered").contains("reboot: ran '" + conf.dir.resolve("reboot.sh"))
                .contains("automatic restarts held");
        assertThat(Files.readString(noticeFirst).strip()).as("the notification went out before the reboot command")
                .isEqualTo("1");
        assertThat(Files.readAllLines(notified)).anySatisfy(line -> assertThat(line)
                .startsWith("GENERAL [SMART]").contains("rebooting now (--reboot by root)"));
        assertThat(Files.readString(environment)).as("the reboot command sees no secret").doesNotContain("s3cret")
                .doesNotContain("SMART_SMTP_PASSWORD");
        assertThat(daemon.log()).contains("control socket: root asks: reboot")
                .contains("automatic restarts held: the system is rebooting (--reboot by root)")
                .contains("rebooting: running '" + conf.dir.resolve("reboot.sh") + "' as root asked");

        // services going down while the system shuts down are not repaired
        FakeDaemons.killAll(token);
        daemon.awaitLog("web: DOWN but not restarted: automatic restarts are held", Duration.ofSeconds(60));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> startsSoFar() == 2 && FakeDaemons.count(token) == 0);
        assertThat(daemon.isAlive()).isTrue();

        SmartCli.Result cron = run("-d");
        assertThat(cron.exitCode()).as("a cron run handed over during the reboot repairs nothing").isEqualTo(3);
        assertThat(cron.err()).contains("automatic restarts are held");
        SmartCli.Result again = run("--reboot");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
        assertThat(again.err()).contains("a reboot is under way already");
        assertThat(startsSoFar()).isEqualTo(2);
    }

    @Test
    void aFailingRebootCommandResumesTheDaemonsRestarts() throws Exception {
        Path notified = base.resolve("notified");
        Path environment = base.resolve("reboot-environment");
        conf.setHost("NOTIFY_COMMAND", notifyScript(notified).toString())
                .setHost("REBOOT_COMMAND", rebootScript(environment, base.resolve("notice-first"), notified, 7)
                        .toString());
        DaemonProcess daemon = daemonWithSecretAndWebOk();

        SmartCli.Result reboot = run("--reboot", "--json");
        assertThat(reboot.exitCode()).as(reboot.toString()).isEqualTo(2);
        JsonNode answer = json(reboot).get("reboot");
        assertThat(answer.get("succeeded").asBoolean()).isFalse();
        assertThat(answer.get("line").asText()).startsWith("reboot FAILED:").contains("exited 7");
        assertThat(answer.get("restarts").asText()).isEqualTo("automatic restarts resumed: the reboot failed");
        assertThat(json(reboot).get("services").get(0).get("state").asText()).isEqualTo("OK");
        assertThat(Files.exists(environment)).as("the daemon ran the reboot command").isTrue();
        assertThat(daemon.log()).contains("automatic restarts resumed: the reboot failed");

        FakeDaemons.killAll(token);
        await().atMost(Duration.ofSeconds(60)).until(() -> startsSoFar() == 2 && FakeDaemons.count(token) == 1);
    }

    @Test
    void aDryRunRebootIsNotHandedOverAndChangesNothing() throws Exception {
        Path marker = base.resolve("rebooted");
        conf.setHost("REBOOT_COMMAND", conf.script("reboot.sh", "#!/bin/sh\ntouch " + marker + "\n").toString());
        DaemonProcess daemon = daemonWithWebOk();

        SmartCli.Result dry = run("--reboot", "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).doesNotContain("handed").contains("would run");
        assertThat(marker).doesNotExist();
        assertThat(daemon.log()).doesNotContain("asks: reboot");
    }

    @Test
    void aMemberOfTheControlGroupMayActAndAnotherUserIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to create a group and users");
        String suffix = Long.toString(ProcessHandle.current().pid());
        String group = "smartit" + suffix;
        String member = "smartop" + suffix;
        String stranger = "smartno" + suffix;
        try {
            sh("groupadd " + group);
            sh("useradd -M -s /bin/sh -G " + group + " " + member);
            sh("useradd -M -s /bin/sh " + stranger);
            conf.setHost("CONTROL_GROUP", group);
            DaemonProcess daemon = daemonWithWebOk();
            Path launcher = base.resolve("smart");
            Files.writeString(launcher, "#!/bin/sh\nexec " + Path.of(System.getProperty("java.home"), "bin", "java")
                    + " -jar " + SmartCli.HOME.resolve("target/smart.jar") + " \"$@\"\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

            SmartCli.Result allowed = as(member, launcher, "restart", "web");
            assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
            assertThat(allowed.out()).contains("web: restarted, OK again");
            SmartCli.Result status = as(member, launcher, "status", "--json");
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(daemon.log()).contains("control socket: " + member + " asks: restart web");

            SmartCli.Result refused = as(stranger, launcher, "restart", "web");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
            assertThat(refused.err()).contains("permission denied").contains("control group");

            // with the file modes loosened by hand, the daemon's own check of the caller still refuses
            Path stateDir = conf.dir.resolve("state");
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(stateDir.resolve("control.sock"), PosixFilePermissions.fromString("rw-rw-rw-"));
            SmartCli.Result peer = as(stranger, launcher, "restart", "web");
            assertThat(peer.exitCode()).as(peer.toString()).isEqualTo(3);
            assertThat(peer.err()).contains("user '" + stranger + "' may not operate the SMART daemon: only root and"
                    + " members of group '" + group + "'");
            assertThat(daemon.log()).contains("control socket: " + stranger + " (group " + stranger + ") refused:"
                    + " restart web");
            assertThat(startsSoFar()).isEqualTo(2);
        } finally {
            SmartCli.exec(List.of("userdel", member), Map.of());
            SmartCli.exec(List.of("userdel", stranger), Map.of());
            SmartCli.exec(List.of("groupdel", group), Map.of());
        }
    }

    private SmartCli.Result as(String user, Path launcher, String... args) {
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", user, "--", launcher.toString()));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--conf", conf.path()));
        return SmartCli.exec(argv, Map.of());
    }

    private static void sh(String command) {
        SmartCli.Result result = SmartCli.exec(List.of("sh", "-c", command), Map.of());
        if (result.exitCode() != 0) {
            throw new AssertionError(command + ": " + result);
        }
    }
}
