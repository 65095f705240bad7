package org.smart.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;
import org.smart.exec.LocalCommandRunner;
import org.smart.exec.ProcessIsolation;

/**
 * Benchmark driver for {@code bench/plugin-throughput.sh}: runs {@code check_dummy 0 ok} many times
 * from P threads and prints one line {@code rate=<runs per second> wrong=<bad results> ...}.
 *
 * <pre>
 * PluginThroughput [--runs N] [--parallelism P] [--warmup N]
 *                  [--via runner|raw-merged|raw-separate] [--isolation AUTO|OWN_SESSION|DIRECT]
 * </pre>
 * {@code runner} goes through {@link LocalCommandRunner}; the {@code raw-*} modes use a bare
 * ProcessBuilder (stderr merged into stdout, or read as a second pipe) to show what the runner costs.
 */
public final class PluginThroughput {

    private static final String PLUGIN = "/usr/lib/nagios/plugins/check_dummy";
    private static final String EXPECTED = "OK: ok\n";
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    private final int parallelism;
    private final Run run;

    private PluginThroughput(int parallelism, Run run) {
        this.parallelism = parallelism;
        this.run = run;
    }

    /** One run of the plugin; true when its result was right. */
    @FunctionalInterface
    private interface Run {
        boolean once() throws IOException, InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int runs = Integer.parseInt(options.getOrDefault("runs", "2000"));
        int parallelism = Integer.parseInt(options.getOrDefault("parallelism", "2"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "300"));
        String via = options.getOrDefault("via", "runner");
        ProcessIsolation isolation = ProcessIsolation.valueOf(options.getOrDefault("isolation", "AUTO"));

        PluginThroughput bench = new PluginThroughput(parallelism, run(via, isolation));
        bench.measure(warmup);
        long cpuBefore = cpuTicks();
        long start = System.nanoTime();
        int wrong = bench.measure(runs);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillisPerRun = (cpuTicks() - cpuBefore) * 10.0 / runs;
        System.out.printf("rate=%.1f cpu_ms_per_run=%.2f wrong=%d runs=%d parallelism=%d via=%s isolation=%s launch=%s"
                        + " seconds=%.2f%n", runs / seconds, cpuMillisPerRun, wrong, runs, parallelism, via,
                via.equals("runner") ? isolation : "-",
                System.getProperty("jdk.lang.Process.launchMechanism", "POSIX_SPAWN(default)"), seconds);
        System.exit(wrong == 0 ? 0 : 1);
    }

    private static Run run(String via, ProcessIsolation isolation) {
        switch (via) {
            case "runner": {
                LocalCommandRunner runner = new LocalCommandRunner(LocalCommandRunner.DEFAULT_OUTPUT_CAP,
                        LocalCommandRunner.DEFAULT_KILL_GRACE, isolation);
                ExecRequest request = new ExecRequest(List.of(PLUGIN, "0", "ok"), ENV, Path.of("/"), Duration.ofSeconds(10));
                return () -> {
                    ExecResult result = runner.run(request);
                    return result.exitCode() == 0 && result.output().equals(EXPECTED);
                };
            }
            case "raw-merged":
                return () -> raw(true);
            case "raw-separate":
                return () -> raw(false);
            default:
                throw new IllegalArgumentException("--via must be runner, raw-merged or raw-separate, not '" + via + "'");
        }
    }

    /** A bare ProcessBuilder run (blocking reads; fine for a plugin that writes a line and exits). */
    private static boolean raw(boolean merged) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PLUGIN, "0", "ok").redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(merged);
        builder.environment().clear();
        builder.environment().putAll(ENV);
        Process process = builder.start();
        String output;
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8) + new String(err.readAllBytes(), StandardCharsets.UTF_8);
        }
        return process.waitFor() == 0 && output.equals(EXPECTED);
    }

    /** Runs the plugin {@code runs} times from {@code parallelism} threads; returns how many results were wrong. */
    private int measure(int runs) throws Exception {
        AtomicInteger left = new AtomicInteger(runs);
        AtomicInteger wrong = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                workers.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        if (!run.once()) {
                            wrong.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return wrong.get();
    }

    /**
     * CPU time of this JVM and of the children it reaped (utime + stime + cutime + cstime of
     * {@code /proc/self/stat}), in clock ticks of 10 ms: on a busy machine a fairer measure than wall time.
     */
    private static long cpuTicks() throws IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int field = 14; field <= 17; field++) {
            ticks += Long.parseLong(fields[field - 3]);
        }
        return ticks;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
        }
        return options;
    }
}
