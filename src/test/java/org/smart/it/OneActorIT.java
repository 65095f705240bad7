package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 case 4, for real: one actor per service. Two {@code smart -d} runs at once, or a {@code -d}
 * while the daemon runs, start a DOWN service once, never twice; the run that does not act says so.
 */
class OneActorIT {

    /** Counts its starts, takes its time (or waits for a gate file), then becomes {@code sleep TOKEN}. */
    private static final String SLOW_START = """
            #!/bin/sh
            # usage: slow-start PIDFILE TOKEN STARTS GATE|SECONDS
            echo start >> "$3"
            case "$4" in
              /*) while [ ! -e "$4" ]; do sleep 0.1; done ;;
              *) sleep "$4" ;;
            esac
            echo $$ > "$1"
            exec sleep "$2"
            """;

    @TempDir
    Path tmp;

    private final FakeDaemons daemons = new FakeDaemons();
    private final SmartCli smart = new SmartCli();
    private final List<DaemonProcess> started = new ArrayList<>();
    private ConfigDir conf;
    private Path starts;
    private Path gate;
    private String token;

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(tmp.resolve("conf")).setHost("RESTART_DELAY", "0").setHost("MAX_CHECK_ATTEMPTS", "1")
                .setHost("INTERVAL", "1");
        starts = tmp.resolve("starts");
        gate = tmp.resolve("gate");
        token = daemons.newToken();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (DaemonProcess daemon : started) {
            daemon.close();
        }
        daemons.close();
    }

    /** The service {@code web}, DOWN, whose start takes {@code startTakes} (seconds, or a gate file's path). */
    private void slowService(String startTakes) {
        Path script = conf.script("daemons/slow-start", SLOW_START);
        Path pid = conf.dir.resolve("web.pid");
        conf.service("web;sleep;" + token + ";1;1;" + script + " " + pid + " " + token + " " + starts + " "
                + startTakes + ";" + pid + ";;0;").write();
    }

    private long startsSoFar() throws IOException {
        return Files.exists(starts) ? Files.readAllLines(starts).size() : 0;
    }

    private CompletableFuture<SmartCli.Result> inBackground(String... args) {
        return CompletableFuture.supplyAsync(() -> smart.run(args));
    }

    @Test
    void twoRunsAtOnceStartADownServiceOnce() throws Exception {
        slowService("2");
        for (int trial = 1; trial <= 3; trial++) {
            Files.deleteIfExists(starts);
            CompletableFuture<SmartCli.Result> first = inBackground("--conf", conf.path(), "-d");
            CompletableFuture<SmartCli.Result> second = inBackground("--conf", conf.path(), "-d");
            SmartCli.Result a = first.join();
            SmartCli.Result b = second.join();

            String both = "trial " + trial + "\n" + a + "\n" + b;
            assertThat(startsSoFar()).as(both).isEqualTo(1);
            assertThat(FakeDaemons.count(token)).as(both).isEqualTo(1);
            FakeDaemons.killAll(token);
            await().atMost(Duration.ofSeconds(10)).until(() -> FakeDaemons.count(token) == 0);
        }
    }

    @Test
    void aRunThatFindsTheServiceBeingRepairedSaysSoAndDoesNotAct() throws Exception {
        slowService(gate.toString());
        CompletableFuture<SmartCli.Result> first = inBackground("--conf", conf.path(), "-d");
        await().atMost(Duration.ofSeconds(60)).until(() -> startsSoFar() == 1); // the first run is repairing web

        SmartCli.Result table = smart.run("--conf", conf.path(), "-d");
        SmartCli.Result json = smart.run("--conf", conf.path(), "-d", "--json");
        SmartCli.Result checkOnly = smart.run("--conf", conf.path());
        Files.createFile(gate);
        SmartCli.Result repairer = first.join();

        assertThat(startsSoFar()).as(table + "\n" + json + "\n" + repairer).isEqualTo(1);
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(2);
        assertThat(table.out()).containsPattern("web\\s+3\\s+DOWN\\s+.*\\s+busy\\s+DOWN")
                .contains("web: busy, another SMART run is repairing web; not acted on");
        JsonNode service = new ObjectMapper().readTree(json.out()).get("services").get(0);
        assertThat(service.get("busy").asText()).as(json.toString()).isEqualTo("another SMART run is repairing web");
        assertThat(service.get("restart").isNull()).isTrue();
        assertThat(checkOnly.out()).as("a run without an action flag only checks and shows")
                .containsPattern("web\\s+3\\s+DOWN").doesNotContain("busy");
        assertThat(repairer.exitCode()).as(repairer.toString()).isZero();
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
    }

    @Test
    void aRunWhileTheDaemonRunsHandsItsWorkToTheDaemon() throws Exception {
        slowService(gate.toString());
        DaemonProcess daemon = DaemonProcess.start(conf, tmp.resolve("daemon.log"));
        started.add(daemon);
        await().atMost(Duration.ofSeconds(60)).until(() -> startsSoFar() == 1); // the daemon is repairing web

        CompletableFuture<SmartCli.Result> handed = inBackground("--conf", conf.path(), "-d");
        await().atMost(Duration.ofSeconds(60)).until(() -> daemon.log().contains("one-shot run (D) handed to the daemon"));
        assertThat(handed).as("the daemon answers once its repair is done").isNotDone();
        Files.createFile(gate);
        SmartCli.Result run = handed.join();
        daemon.awaitService("web", Duration.ofSeconds(60), s -> s.path("state").asText().equals("OK"));

        assertThat(startsSoFar()).as(run + "\n" + daemon.log()).isEqualTo(1);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).contains("handed to the SMART daemon")
                .contains("web: OK");
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
    }
}
