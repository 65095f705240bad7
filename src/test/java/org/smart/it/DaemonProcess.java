package org.smart.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code bin/smart daemon} running as a separate process, its log in a file, with the ways an
 * administrator talks to it: {@code smart status --json}, signals, {@code kill -9}.
 */
final class DaemonProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final ConfigDir conf;

    private DaemonProcess(Process process, Path log, ConfigDir conf) {
        this.process = process;
        this.log = log;
        this.conf = conf;
    }

    /** Starts the daemon on {@code conf}; its log goes to {@code log} (appended, so restarts keep one log). */
    static DaemonProcess start(ConfigDir conf, Path log) {
        return start(conf, log, List.of());
    }

    /**
     * Like {@link #start(ConfigDir, Path)}, the command run by {@code wrapper} (e.g. a shell in its own
     * mount namespace that ends in {@code exec "$@"}), so the process is still the daemon itself.
     */
    static DaemonProcess start(ConfigDir conf, Path log, List<String> wrapper) {
        return start(conf, log, wrapper, java.util.Map.of());
    }

    /** Like {@link #start(ConfigDir, Path, List)}, with {@code environment} added to the daemon's own. */
    static DaemonProcess start(ConfigDir conf, Path log, List<String> wrapper, java.util.Map<String, String> environment) {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(SmartCli.LAUNCHER.toString(), "daemon", "--conf", conf.path()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().remove("SMART_CONF");
            builder.environment().putAll(environment);
            return new DaemonProcess(builder.start(), log, conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the log holds {@code text}. */
    void awaitLog(String text, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> log().contains(text) || !process.isAlive());
        if (!log().contains(text)) {
            throw new AssertionError("daemon exited before logging '" + text + "':\n" + log());
        }
    }

    /** {@code smart status --json} as a tree; fails the test if the command fails to run. */
    JsonNode status() {
        // once the daemon has ended, what it saved is all there is to see
        SmartCli.Result result = process.isAlive() ? new SmartCli().run("status", "--json", "--conf", conf.path())
                : new SmartCli().run("status", "--saved", "--json", "--conf", conf.path());
        if (result.exitCode() > 2) {
            throw new AssertionError("smart status failed: " + result + "\n--- daemon log\n" + log());
        }
        try {
            return JSON.readTree(result.out());
        } catch (IOException e) {
            throw new AssertionError("smart status printed no JSON: " + result, e);
        }
    }

    /** The status entry of one service. */
    /** What the daemon last saved, whether or not it runs. */
    JsonNode savedStatus() {
        SmartCli.Result result = new SmartCli().run("status", "--saved", "--json", "--conf", conf.path());
        try {
            return JSON.readTree(result.out());
        } catch (IOException e) {
            throw new AssertionError("smart status --saved printed no JSON: " + result, e);
        }
    }

    JsonNode service(String name) {
        for (JsonNode service : status().path("services")) {
            if (service.path("name").asText().equals(name)) {
                return service;
            }
        }
        throw new AssertionError("smart status does not list " + name + ": " + status());
    }

    /** Polls {@code smart status} until {@code service}'s entry satisfies {@code condition}; returns that entry. */
    JsonNode awaitService(String name, Duration atMost, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        // Until the daemon has written its first state, status fails: keep asking.
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).pollDelay(Duration.ZERO).ignoreExceptions()
                .failFast("the daemon exited", () -> !process.isAlive())
                .until(() -> {
                    last[0] = service(name);
                    return condition.test(last[0]);
                });
        return last[0];
    }

    void signal(String name) {
        SmartCli.Result result = SmartCli.exec(List.of("kill", "-" + name, String.valueOf(pid())), java.util.Map.of());
        if (result.exitCode() != 0) {
            throw new AssertionError("kill -" + name + " failed: " + result);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is saved on the way out. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the exit; returns the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("daemon did not stop within 20 s of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
