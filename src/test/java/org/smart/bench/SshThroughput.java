package org.smart.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.smart.exec.ChildEnvironment;
import org.smart.exec.CommandRunner;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;
import org.smart.remote.RemoteSites;
import org.smart.ssh.RemoteCommand;
import org.smart.ssh.RemoteHostSpec;
import org.smart.ssh.RemoteResult;
import org.smart.ssh.SshConnection;
import org.smart.ssh.SshTransport;

/**
 * Benchmark driver for bench/ssh-throughput.sh: runs {@code check_dummy 0 ok} N times over one SMART
 * {@link SshConnection} and prints one TSV row per repetition in the same columns the script writes for
 * check_by_ssh: wall time, checks/s, this JVM's CPU (client side), the CPU of the sshd process tree (server
 * side, including the remote shells and plugins), and the busy ticks of the whole machine. Two ways:
 *
 * <ul>
 *   <li>{@code checks}: SMART's own path for the check scripts and plugins of a remote host, nothing special
 *       to the benchmark: N requests built as {@link org.smart.check.ServiceChecker} builds them (the host's
 *       base environment and SMART_* variables, its configuration directory as working directory, a 30 s
 *       limit each), started through {@link RemoteSites#checkRunner} from a pool of as many threads as the
 *       daemon has for a remote host ({@link RemoteSites#parallelism}), all N due at once, as in one round of
 *       N services.</li>
 *   <li>{@code exec}: one exec channel per check ({@link SshConnection#exec}), for comparison.</li>
 * </ul>
 *
 * <p>Arguments (key=value): host, port, user, key, known_hosts, sshd_pid, plugin, conf_dir, concurrency (the
 * host's channel limit), warmup (single execs before measuring; the checks path warms up with five times as
 * many, since much of its code runs once per batch).
 * After the warm-up it prints "ready", then reads lines {@code exec N REP} or {@code checks N REP} from stdin
 * and answers each with one row, so the script can interleave SMART's repetitions with check_by_ssh's and both
 * see the same machine noise.
 */
public final class SshThroughput {
    private static final long HZ = 100;  // CLK_TCK on Linux/x86-64
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> args;
    private final SshConnection host;
    private final CommandRunner checkRunner;
    private final Map<Integer, ExecutorService> pools = new HashMap<>();
    private final long sshdPid;
    private final RemoteCommand check;

    private SshThroughput(Map<String, String> args, SshConnection host) {
        this.args = args;
        this.host = host;
        this.checkRunner = RemoteSites.checkRunner(host);
        this.sshdPid = Long.parseLong(args.get("sshd_pid"));
        this.check = RemoteCommand.of(args.get("plugin"), "0", "ok");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int concurrency = Integer.parseInt(args.get("concurrency"));
        RemoteHostSpec spec = RemoteHostSpec.builder("bench", args.get("host"), args.get("user"),
                        Path.of(args.get("key")), Path.of(args.get("known_hosts")))
                .port(Integer.parseInt(args.get("port"))).maxChannels(concurrency).build();
        try (SshTransport transport = SshTransport.start()) {
            new SshThroughput(args, transport.connection(spec)).run();
        }
    }

    private void run() throws Exception {
        int warmup = Integer.parseInt(args.get("warmup"));
        singles(warmup);
        for (int done = 0; done < 5 * warmup; done += 1000) {
            checks(1000);
        }
        System.out.println("ready");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] words = line.trim().split(" ");
            int checks = Integer.parseInt(words[1]);
            int rep = Integer.parseInt(words[2]);
            if (words[0].equals("exec")) {
                measure("smart-exec-" + checks, rep, checks, () -> singles(checks));
            } else {
                measure("smart-checks-" + checks, rep, checks, () -> checks(checks));
            }
        }
    }

    /** N checks, one channel each, all submitted at once (the connection runs at most maxChannels at a time). */
    private int singles(int n) throws Exception {
        List<CompletableFuture<RemoteResult>> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(host.exec(check, TIMEOUT));
        }
        return failures(results.stream().map(CompletableFuture::join).toList());
    }

    /**
     * N checks due at once, as the daemon runs a remote host's checks: each started from the host's own pool
     * of {@link RemoteSites#parallelism} threads, which sends it off through SMART's batching runner and is
     * free again at once (the check holds no thread while the host runs it); the answers are awaited here.
     */
    private int checks(int n) throws Exception {
        ExecutorService pool = pools.computeIfAbsent(RemoteSites.parallelism(host.host().maxChannels()),
                SshThroughput::hostPool);
        List<CompletableFuture<ExecResult>> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ExecRequest request = request("svc" + i);
            results.add(CompletableFuture.supplyAsync(() -> checkRunner.start(request), pool)
                    .thenCompose(started -> started));
        }
        int failures = 0;
        for (CompletableFuture<ExecResult> result : results) {
            ExecResult r = result.get();
            failures += r.exitCode() == 0 && r.output().startsWith("OK: ok") ? 0 : 1;
        }
        return failures;
    }

    /** A pool like the daemon's for one remote host (CheckRunner): threads made when needed, ending when idle. */
    private static ExecutorService hostPool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "smart-check-bench");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The request {@link org.smart.check.ServiceChecker} makes for a service's check, with check_dummy as it. */
    private ExecRequest request(String service) {
        Map<String, String> environment = new HashMap<>(Map.of("PATH", ChildEnvironment.DEFAULT_PATH, "LC_ALL", "C"));
        environment.put("SMART_SERVICE", service);
        environment.put("SMART_HOST", "127.0.0.1");
        environment.put("SMART_PORT", "");
        environment.put("SMART_TIMEOUT", String.valueOf(TIMEOUT.toSeconds()));
        environment.put("SMART_PLUGINS", Path.of(args.get("plugin")).getParent().toString());
        environment.put("SMART_PROCESS", "check_dummy");
        return new ExecRequest(List.of(args.get("plugin"), "0", "ok"), environment, Path.of(args.get("conf_dir")),
                TIMEOUT);
    }

    private static int failures(List<RemoteResult> results) {
        return (int) results.stream()
                .filter(r -> r.outcome() != RemoteResult.Outcome.COMPLETED || r.exitCode() != 0
                        || !r.stdout().startsWith("OK: ok"))
                .count();
    }

    private void measure(String test, int rep, int checks, Workload workload) throws Exception {
        long machine0 = machineBusyTicks();
        long sshd0 = treeTicks(sshdPid);
        long jvm0 = jvmCpuNanos();
        long wall0 = System.nanoTime();
        int fails = workload.run();
        double wall = (System.nanoTime() - wall0) / 1e9;
        double jvm = (jvmCpuNanos() - jvm0) / 1e9;
        double sshd = (treeTicks(sshdPid) - sshd0) / (double) HZ;
        double machine = (machineBusyTicks() - machine0) / (double) HZ;
        System.out.println(new Row(test, rep, checks, wall, jvm, sshd, 0, machine, fails));
        System.out.flush();
    }

    /** One result row; the same columns as the script's rows for check_by_ssh. */
    record Row(String test, int rep, int checks, double wall, double client, double sshd, double master,
               double machine, int fails) {
        @Override
        public String toString() {
            return String.format("%s\t%d\t%d\t%.3f\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%.3f\t%.3f\t%d", test, rep, checks,
                    wall, checks / wall, client, sshd, master, machine, (client + sshd + master) * 1000 / checks,
                    machine * 1000 / checks, fails);
        }
    }

    @FunctionalInterface
    private interface Workload {
        int run() throws Exception;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** user+nice+system+irq+softirq+steal of the whole machine, from /proc/stat. */
    static long machineBusyTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]) + Long.parseLong(f[8]);
    }

    /** utime+stime+cutime+cstime over a process tree: reaped members are in their parent's c*time. */
    static long treeTicks(long pid) {
        return Stream.concat(ProcessHandle.of(pid).stream(),
                        ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants))
                .mapToLong(p -> ticks(p.pid())).sum();
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;  // the process ended meanwhile
        }
    }
}
