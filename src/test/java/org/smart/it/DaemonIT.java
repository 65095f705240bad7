package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smart daemon} end to end: the built launcher as its own process, real demo daemons, real
 * check scripts, signals and {@code kill -9}, observed through {@code smart status --json}, its log
 * and a notification command that writes one line per notification.
 */
class DaemonIT {

    @TempDir
    Path tmp;

    private final FakeDaemons daemons = new FakeDaemons();
    private final SmartCli smart = new SmartCli();
    private final List<DaemonProcess> started = new java.util.ArrayList<>();
    private ConfigDir conf;
    private Path startScript;
    private Path notified;

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(tmp.resolve("conf"));
        startScript = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
        notified = tmp.resolve("notified");
        Path notify = conf.script("notify.sh", "#!/bin/sh\necho \"$SMART_KIND $SMART_SERVICE $SMART_STATE\" >> "
                + notified + "\n");
        conf.setHost("NOTIFY_COMMAND", notify.toString()).setHost("RESTART_DELAY", "0");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (DaemonProcess daemon : started) {
            daemon.close();
        }
        daemons.close();
    }

    private DaemonProcess startDaemon() {
        DaemonProcess daemon = DaemonProcess.start(conf, tmp.resolve("daemon.log"));
        started.add(daemon);
        return daemon;
    }

    private List<String> notifications() throws IOException {
        return Files.exists(notified) ? Files.readAllLines(notified) : List.of();
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Test
    void aKilledDaemonRunsAgainWithinTwoSecondsThoughTheIntervalIsAMinute() throws Exception {
        String token = daemons.newToken();
        Path pid = conf.dir.resolve("web.pid");
        conf.setHost("INTERVAL", "60")
                .service("web;sleep;" + token + ";1;1;" + startScript + " " + pid + " " + token + ";" + pid + ";;0;")
                .write();
        daemons.startDirectly(startScript, pid, token);
        DaemonProcess daemon = startDaemon();
        daemon.awaitService("web", Duration.ofSeconds(20), s -> s.path("check_count").asLong() >= 1);
        long old = Long.parseLong(Files.readString(pid).strip());

        long killedAt = System.nanoTime();
        ProcessHandle.of(old).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> FakeDaemons.running(token).anyMatch(p -> p.pid() != old));
        Duration back = Duration.ofNanos(System.nanoTime() - killedAt);

        assertThat(back).as("time until a new process runs").isLessThan(Duration.ofSeconds(2));
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
        daemon.awaitLog("web: restart succeeded", Duration.ofSeconds(5));
        assertThat(daemon.log()).contains("web: process " + old + " (sleep) exited; checking it now")
                .contains("web: restarting (restart 1 of at most 3 until it has been OK for 5 checks in a row)");
        JsonNode web = daemon.awaitService("web", Duration.ofSeconds(10), s -> s.path("state").asText().equals("OK")
                && s.path("restarts").asInt() == 1);
        assertThat(web.path("given_up").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(notifications())
                .containsExactly("PROBLEM web DOWN", "SERVICE_ACTION web DOWN", "RECOVERY web OK"));
    }

    @Test
    void whenAParentAndItsDependentDieTogetherTheParentIsRestartedFirst() throws Exception {
        String dbToken = daemons.newToken();
        String appToken = daemons.newToken();
        Path dbPid = conf.dir.resolve("db.pid");
        Path appPid = conf.dir.resolve("app.pid");
        Path starts = tmp.resolve("starts");
        Path start = conf.script("daemons/logged-start", "#!/bin/sh\necho \"$3\" >> " + starts + "\nexec "
                + startScript + " \"$1\" \"$2\"\n");
        conf.setHost("INTERVAL", "60")
                .service("db;sleep;" + dbToken + ";1;1;" + start + " " + dbPid + " " + dbToken + " db;" + dbPid + ";;0;")
                .smartYml("""
                        services:
                          - name: app
                            process: sleep
                            args: "%s"
                            procs: { min: 1, max: 1 }
                            start: %s %s %s app
                            pid_file: %s
                            depends_on: [db]
                        """.formatted(appToken, start, appPid, appToken, appPid))
                .write();
        daemons.startDirectly(startScript, dbPid, dbToken);
        daemons.startDirectly(startScript, appPid, appToken);
        DaemonProcess daemon = startDaemon();
        // INTERVAL=60 spreads the first checks over a minute: have both checked now
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> smart.run("check", "db", "app", "--conf", conf.path()).exitCode() == 0);
        daemon.awaitService("app", Duration.ofSeconds(20), s -> s.path("state").asText().equals("OK"));
        daemon.awaitService("db", Duration.ofSeconds(20), s -> s.path("state").asText().equals("OK"));

        long oldApp = Long.parseLong(Files.readString(appPid).strip());
        long oldDb = Long.parseLong(Files.readString(dbPid).strip());
        ProcessHandle.of(oldApp).orElseThrow().destroyForcibly();
        ProcessHandle.of(oldDb).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(15)).until(() -> FakeDaemons.count(dbToken) == 1 && FakeDaemons.count(appToken) == 1);
        assertThat(Files.readAllLines(starts)).as("parent first").containsExactly("db", "app");
        daemon.awaitService("app", Duration.ofSeconds(10), s -> s.path("state").asText().equals("OK"));
        assertThat(daemon.log()).containsAnyOf("app: DOWN; checking db first, which it depends on",
                "parent db is not OK");
        assertThat(notifications()).noneMatch(line -> line.contains("UNREACHABLE"));
    }

    @Test
    void aServiceWhoseCheckAlternatesStartsFlappingAndIsNotRestartedWhileItFlaps() throws Exception {
        Path counter = tmp.resolve("counter");
        Path marker = tmp.resolve("just-restarted");
        Path restarts = tmp.resolve("restarts");
        // OK, DOWN, OK, DOWN… on the daemon's checks; the one re-check a restart makes is OK and not counted.
        conf.script("scripts/flip.sh", """
                #!/bin/sh
                if [ -e %2$s ]; then rm -f %2$s; exit 0; fi
                n=$(( $(cat %1$s 2>/dev/null || echo 0) + 1 ))
                echo $n > %1$s
                [ $((n %% 2)) -eq 1 ]
                """.formatted(counter, marker));
        Path start = conf.script("daemons/start-flip", "#!/bin/sh\necho restart >> " + restarts + "\ntouch " + marker
                + "\n");
        conf.setHost("INTERVAL", "1").setHost("RESTART_LIMIT", "100/100")
                .service("flip;flipper;;0;0;" + start + ";;;0;flip.sh").write();
        DaemonProcess daemon = startDaemon();

        JsonNode flapping = daemon.awaitService("flip", Duration.ofSeconds(40), s -> s.path("flapping").asBoolean());

        assertThat(flapping.path("flapping_value").asDouble()).isGreaterThan(30);
        long restartsWhenFlappingBegan = lines(restarts);
        long checksWhenFlappingBegan = flapping.path("check_count").asLong();
        JsonNode later = daemon.awaitService("flip", Duration.ofSeconds(30),
                s -> s.path("check_count").asLong() >= checksWhenFlappingBegan + 6);
        assertThat(later.path("flapping").asBoolean()).isTrue();
        assertThat(lines(restarts)).as("no restart while flapping, though it was DOWN every other check")
                .isEqualTo(restartsWhenFlappingBegan);
        assertThat(notifications()).filteredOn(line -> line.startsWith("FLAPPING_START")).hasSize(1);
        assertThat(daemon.log()).contains("flip: flapping started");
    }

    @Test
    void aServiceThatNeverComesUpIsGivenUpAfterTheLimitWithOneAlertUntilReset() throws Exception {
        String token = daemons.newToken();
        Path restarts = tmp.resolve("restarts");
        Path start = conf.script("daemons/broken", "#!/bin/sh\necho start >> " + restarts + "\nexit 1\n");
        conf.setHost("INTERVAL", "1").setHost("START_TIMEOUT", "1")
                .service("broken;sleep;" + token + ";1;1;" + start + ";;;0;").write();
        DaemonProcess daemon = startDaemon();

        JsonNode givenUp = daemon.awaitService("broken", Duration.ofSeconds(40), s -> s.path("given_up").asBoolean());

        assertThat(givenUp.path("state").asText()).isEqualTo("DOWN");
        long checks = givenUp.path("check_count").asLong();
        daemon.awaitService("broken", Duration.ofSeconds(20), s -> s.path("check_count").asLong() >= checks + 3);
        assertThat(lines(restarts)).as("RESTART_LIMIT 3/5").isEqualTo(3);
        assertThat(notifications()).filteredOn(line -> line.startsWith("GIVEN_UP")).containsExactly("GIVEN_UP broken DOWN");
        assertThat(daemon.log()).contains("broken: giving up: 3 restart(s) did not keep it OK for 5 checks in a row");
        assertThat(PrometheusClient.parse(smart.run("status", "--metrics", "--conf", conf.path()).out()))
                .as("read by the Prometheus Python client's own parser")
                .contains("smart_daemon_running 1.0", "smart_service_given_up{service=broken} 1.0",
                        "smart_service_state{service=broken,state=DOWN} 1.0", "smart_service_state_hard{service=broken} 1.0")
                .anyMatch(sample -> sample.startsWith("smart_service_checks_total{service=broken} "));

        SmartCli.Result reset = smart.run("reset", "broken", "--conf", conf.path());

        assertThat(reset.exitCode()).as(reset.toString()).isZero();
        assertThat(reset.out()).contains("broken: reset (it was given up)");
        daemon.awaitLog("broken: reset by the operator (was given up); restart count and flapping history cleared,"
                + " restarts allowed again", Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines(restarts) > 3);
    }

    /**
     * Issue 10, case 9: pauses between restarts longer than RESTART_LIMIT's M checks must not let a crash loop
     * go on (the old window of M checks slid past each restart while the pause waited).
     */
    @Test
    void aCrashLoopWhosePausesOutlastTheLimitsChecksIsStartedExactlyNTimesAndGivenUpOnce() throws Exception {
        String token = daemons.newToken();
        Path starts = tmp.resolve("starts");
        Path start = conf.script("daemons/never", "#!/bin/sh\necho start >> " + starts + "\n");
        conf.setHost("INTERVAL", "1").setHost("START_TIMEOUT", "1").setHost("RESTART_LIMIT", "3/5")
                .setHost("RESTART_DELAY", "2")
                .service("never;sleep;" + token + ";1;1;" + start + ";;;0;").write();
        DaemonProcess daemon = startDaemon();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> lines(starts) > 3 || daemon.service("never").path("given_up").asBoolean());
        JsonNode givenUp = daemon.service("never");
        long checks = givenUp.path("check_count").asLong();
        daemon.awaitService("never", Duration.ofSeconds(30), s -> s.path("check_count").asLong() >= checks + 10);

        assertThat(lines(starts)).as("starts with RESTART_LIMIT 3/5").isEqualTo(3);
        assertThat(givenUp.path("given_up").asBoolean()).isTrue();
        assertThat(givenUp.path("restarts").asInt()).isEqualTo(3);
        assertThat(notifications()).filteredOn(line -> line.startsWith("GIVEN_UP")).containsExactly("GIVEN_UP never DOWN");
        assertThat(notifications()).filteredOn(line -> line.startsWith("SERVICE_ACTION")).hasSize(3);
        assertThat(daemon.log()).contains("never: restarting (restart 3 of at most 3")
                .doesNotContain("restart 4 of");

        SmartCli.Result reset = smart.run("reset", "never", "--conf", conf.path());

        assertThat(reset.exitCode()).as(reset.toString()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines(starts) > 3);
        assertThat(daemon.service("never").path("given_up").asBoolean()).isFalse();
    }

    /** Issue 10: the daemon's restart of a service whose start command fails ends at once, not after START_TIMEOUT. */
    @Test
    void aStartCommandThatFailsEndsTheDaemonsRestartAtOnce() throws Exception {
        String token = daemons.newToken();
        Path start = conf.script("daemons/broken", "#!/bin/sh\necho 'cannot bind 0.0.0.0:80' >&2\nexit 4\n");
        conf.setHost("INTERVAL", "1").setHost("START_TIMEOUT", "120").setHost("RESTART_LIMIT", "1/1")
                .service("broken;sleep;" + token + ";1;1;" + start + ";;;0;").write();
        DaemonProcess daemon = startDaemon();

        daemon.awaitLog("broken: restarting", Duration.ofSeconds(30));
        daemon.awaitLog("broken: restart failed", Duration.ofSeconds(20));

        assertThat(daemon.log()).contains("start command exited 4: cannot bind 0.0.0.0:80");
        daemon.awaitService("broken", Duration.ofSeconds(20), s -> s.path("given_up").asBoolean());
    }

    @Test
    void killMinus9OfTheDaemonLosesNoState() throws Exception {
        conf.script("scripts/ok.sh", "#!/bin/sh\necho fine\n");
        conf.setHost("INTERVAL", "1").service("steady;x;;0;0;;;;0;ok.sh").write();
        DaemonProcess first = startDaemon();
        first.awaitService("steady", Duration.ofSeconds(20), s -> s.path("check_count").asLong() >= 3);
        // what survives is what was saved, which may lag the live view by a few seconds
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> first.savedStatus()
                .path("services").path(0).path("check_count").asLong() >= 2);

        first.killHard();

        JsonNode saved = first.service("steady");
        long count = saved.path("check_count").asLong();
        assertThat(count).isGreaterThanOrEqualTo(2);
        assertThat(first.status().path("daemon").path("running").asBoolean()).isFalse();
        DaemonProcess second = startDaemon();
        JsonNode resumed = second.awaitService("steady", Duration.ofSeconds(20),
                s -> s.path("check_count").asLong() > count);

        long now = resumed.path("check_count").asLong();
        assertThat(resumed.path("last_check").asText()).isGreaterThan(saved.path("last_check").asText());
        // Only the very first result ever was a change: its weight shows how many results came after it.
        assertThat(resumed.path("flapping_value").asDouble()).as("flapping history continued")
                .isEqualTo((60 - now) / 10.0);
        assertThat(second.stop()).as("SIGTERM").isIn(0, 143);
        assertThat(second.log()).contains("stopped; state saved in");
    }

    @Test
    void aCorruptStateFileIsSetAsideAndTheDaemonStartsFresh() throws Exception {
        conf.script("scripts/ok.sh", "#!/bin/sh\necho fine\n");
        conf.setHost("INTERVAL", "1").service("steady;x;;0;0;;;;0;ok.sh").write();
        Path state = Files.createDirectories(conf.dir.resolve("state"));
        Files.writeString(state.resolve("state.json"), "{\"version\": 1, \"services\": {\"steady\": [");

        DaemonProcess daemon = startDaemon();

        daemon.awaitService("steady", Duration.ofSeconds(20), s -> s.path("check_count").asLong() >= 1);
        assertThat(daemon.log()).contains("is corrupt").contains("starting with empty state");
        try (var files = Files.list(state)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("state.json.corrupt-"));
        }
    }

    @Test
    void aHangupWithABrokenConfigurationKeepsTheOldOneAndAGoodOneIsTakenUp() throws Exception {
        conf.script("scripts/ok.sh", "#!/bin/sh\necho fine\n");
        conf.setHost("INTERVAL", "1").service("alpha;x;;0;0;;;;0;ok.sh").service("beta;x;;0;0;;;;0;ok.sh").write();
        DaemonProcess daemon = startDaemon();
        daemon.awaitService("beta", Duration.ofSeconds(20), s -> s.path("check_count").asLong() >= 1);

        Files.writeString(conf.dir.resolve("services.conf"), "alpha;x;;0;0;;;;0;ok.sh\ngamma;x;;not-a-number;0;;;;0;\n");
        daemon.signal("HUP");

        daemon.awaitLog("reload rejected: 1 problem(s) in", Duration.ofSeconds(10));
        assertThat(daemon.log()).contains("reload rejected: " + conf.dir.resolve("services.conf") + ":2: field 4 (max_procs)");
        long betaChecks = daemon.service("beta").path("check_count").asLong();
        daemon.awaitService("beta", Duration.ofSeconds(10), s -> s.path("check_count").asLong() > betaChecks);
        assertThat(daemon.isAlive()).isTrue();

        Files.writeString(conf.dir.resolve("services.conf"), "alpha;x;;0;0;;;;0;ok.sh\ngamma;x;;0;0;;;;0;ok.sh\n");
        daemon.signal("HUP");

        daemon.awaitLog("configuration reloaded from", Duration.ofSeconds(10));
        assertThat(daemon.log()).contains("added gamma, changed none, removed beta, unchanged 1");
        daemon.awaitService("gamma", Duration.ofSeconds(10), s -> s.path("check_count").asLong() >= 1);
        assertThat(daemon.status().path("services").findValuesAsText("name")).containsExactly("alpha", "gamma");
    }
}
