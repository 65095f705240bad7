package org.smart.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalCommandRunnerTest {

    private static final String PLUGINS = "/usr/lib/nagios/plugins/";
    private static final Duration GRACE = Duration.ofMillis(300);

    private final LocalCommandRunner runner =
            new LocalCommandRunner(LocalCommandRunner.DEFAULT_OUTPUT_CAP, GRACE, ProcessIsolation.OWN_SESSION);
    private final MarkedProcesses marked = new MarkedProcesses();

    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        marked.killAll();
    }

    @ParameterizedTest
    @CsvSource({"0, OK: all fine", "1, WARNING: all fine", "2, CRITICAL: all fine", "3, UNKNOWN: all fine"})
    void checkDummyGivesItsCodeAndText(int code, String text) {
        ExecResult result = run(Duration.ofSeconds(10), PLUGINS + "check_dummy", String.valueOf(code), "all fine");

        assertThat(result.exitCode()).isEqualTo(code);
        assertThat(result.output()).isEqualTo(text + "\n");
        assertThat(result.started()).isTrue();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.succeeded()).isEqualTo(code == 0);
    }

    @Test
    void checkTcpAgainstAListeningAndAClosedPort() throws IOException {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(server.getLocalPort());
            ExecResult open = run(Duration.ofSeconds(10), PLUGINS + "check_tcp", "-H", "127.0.0.1", "-p", port);
            assertThat(open.exitCode()).isZero();
            assertThat(open.output()).startsWith("TCP OK");
            closedPort = server.getLocalPort();
        }
        ExecResult closed = run(Duration.ofSeconds(10), PLUGINS + "check_tcp", "-H", "127.0.0.1", "-p",
                String.valueOf(closedPort));

        assertThat(closed.exitCode()).isEqualTo(2);
        assertThat(closed.output()).contains("Connection refused");
    }

    @Test
    void checkProcsCountsProcesses() {
        ExecResult result = run(Duration.ofSeconds(20), PLUGINS + "check_procs");

        assertThat(result.exitCode()).isBetween(0, 2);
        assertThat(result.output()).startsWith("PROCS ").contains("| procs=");
    }

    @Test
    void exitCodesAboveThreeAreKept() throws IOException {
        ExecResult result = run(Duration.ofSeconds(10), script("exit 7").toString());

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void stderrIsCapturedWithStdout() throws IOException {
        ExecResult result = run(Duration.ofSeconds(10), script("echo to-stdout; echo to-stderr >&2; exit 1").toString());

        assertThat(result.output()).isEqualTo("to-stdout\nto-stderr\n");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void stdinIsEmpty() {
        ExecResult result = run(Duration.ofSeconds(10), "cat");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEmpty();
    }

    @Test
    void runsInTheWorkingDirectory() {
        ExecResult result = runner.run(new ExecRequest(List.of("pwd"), marked.environment(), dir, Duration.ofSeconds(10)));

        assertThat(result.output()).isEqualTo(dir + "\n");
    }

    @Test
    void childGetsExactlyTheRequestedEnvironment() {
        ExecResult result = runner.run(new ExecRequest(List.of("/usr/bin/env"), Map.of("ONLY", "this"), dir,
                Duration.ofSeconds(10)));

        assertThat(result.output()).isEqualTo("ONLY=this\n");
    }

    @Test
    void secretsInSmartsEnvironmentNeverReachThePlugin() {
        Map<String, String> smartsOwn = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8", "LC_TIME", "C",
                "HOME", "/root", "SMART_SMTP_PASSWORD", "hunter2", "AWS_SECRET_ACCESS_KEY", "k");
        ChildEnvironment env = ChildEnvironment.filtered(smartsOwn).with(Map.of("SERVICE", "imap"));

        ExecResult result = runner.run(new ExecRequest(List.of("/usr/bin/env"), env.variables(), dir, Duration.ofSeconds(10)));

        assertThat(result.output().lines().sorted().toList())
                .containsExactly("HOME=/root", "LANG=C.UTF-8", "LC_TIME=C", "PATH=/usr/bin:/bin", "SERVICE=imap");
        assertThat(result.output()).doesNotContain("hunter2");
    }

    @Test
    void commandLeadsASessionOfItsOwn() throws IOException {
        ExecResult result = run(Duration.ofSeconds(10), script("cat /proc/$$/stat").toString());

        ProcStat stat = ProcStat.parse(0, result.output().trim());
        long pid = Long.parseLong(result.output().substring(0, result.output().indexOf(' ')));
        assertThat(stat.sid()).isEqualTo(pid);
    }

    @Test
    void killZeroInAScriptStaysInsideItsOwnGroup() throws IOException {
        // guarded: only signals its group when that group is really its own, never this test's JVM
        Path script = script("[ \"$(ps -o sid= -p $$ | tr -d ' ')\" = \"$$\" ] || exit 99", "kill -TERM 0", "sleep 5");

        ExecResult result = run(Duration.ofSeconds(10), script.toString());

        assertThat(result.exitCode()).isEqualTo(128 + 15);
        assertThat(result.timedOut()).isFalse();
    }

    @Test
    void missingCommandIsNotStarted() {
        ExecResult result = run(Duration.ofSeconds(10), "/no/such/dir/check_x");

        assertThat(result.started()).isFalse();
        assertThat(result.failure()).isEqualTo("/no/such/dir/check_x: no such file");
        assertThat(result.exitCode()).isEqualTo(-1);
    }

    @Test
    void nonExecutableCommandIsNotStarted() throws IOException {
        Path file = Files.writeString(dir.resolve("check_plain"), "#!/bin/sh\nexit 0\n");

        ExecResult result = run(Duration.ofSeconds(10), file.toString());

        assertThat(result.failure()).isEqualTo(file + ": not executable");
    }

    @Test
    void directoryIsNotStarted() {
        assertThat(run(Duration.ofSeconds(10), dir.toString()).failure()).isEqualTo(dir + ": is a directory");
    }

    @Test
    void bareNameIsLookedUpInTheChildsPath() {
        ExecResult found = run(Duration.ofSeconds(10), "true");
        ExecResult missing = runner.run(new ExecRequest(List.of("check_nothing_such"), Map.of("PATH", "/usr/bin:/bin"),
                dir, Duration.ofSeconds(10)));

        assertThat(found.exitCode()).isZero();
        assertThat(missing.failure()).isEqualTo("check_nothing_such: not found in PATH /usr/bin:/bin");
    }

    @Test
    void missingWorkingDirectoryIsNotStarted() {
        Path gone = dir.resolve("gone");
        ExecResult result = runner.run(new ExecRequest(List.of("true"), marked.environment(), gone, Duration.ofSeconds(10)));

        assertThat(result.failure()).isEqualTo("working directory " + gone + ": no such directory");
    }

    @Test
    void hangingScriptIsKilledWithAllItsChildrenAndGrandchildren() throws IOException {
        Path script = script(
                "sleep 1000 &",                                 // a child
                "sh -c 'sleep 1000 & wait' &",                  // a child with a grandchild
                "sh -c 'sleep 1000 >/dev/null 2>&1 & exit 0'",  // an orphaned grandchild, output redirected
                "setsid sh -c 'sleep 1000 & wait' &",           // a child in a session of its own, still a descendant
                "echo started",
                "wait");

        ExecResult result = run(Duration.ofSeconds(1), script.toString());

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.output()).isEqualTo("started\n<timed out after 1 s; killed with its process group>");
        assertThat(result.elapsed()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(marked.alive()).isEmpty();
    }

    @Test
    void scriptIgnoringTermIsKilled() throws IOException {
        Path script = script("trap '' TERM", "echo ready", "while :; do sleep 0.1; done");

        ExecResult result = run(Duration.ofMillis(500), script.toString());

        assertThat(result.timedOut()).isTrue();
        assertThat(result.output()).isEqualTo("ready\n<timed out after 500 ms; killed with its process group>");
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(500).plus(GRACE));
        assertThat(marked.alive()).isEmpty();
    }

    @Test
    void grandchildHoldingTheOutputOpenDoesNotHoldUpTheRun() throws IOException {
        Path script = script("(sleep 1000; echo late) &", "echo early", "exit 0");

        ExecResult result = run(Duration.ofSeconds(30), script.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.output()).isEqualTo("early\n");
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void endlessOutputIsCappedAndKilledAtTheTimeout() {
        LocalCommandRunner small = new LocalCommandRunner(4096, GRACE, ProcessIsolation.OWN_SESSION);

        ExecResult result = small.run(new ExecRequest(List.of("yes"), marked.environment(), dir, Duration.ofSeconds(1)));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.outputTruncated()).isTrue();
        assertThat(result.output()).startsWith("y\ny\n").endsWith("\n<timed out after 1 s; killed with its process group>");
        assertThat(result.output()).hasSize(4096 + "<timed out after 1 s; killed with its process group>".length());
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(4));
        assertThat(marked.alive()).isEmpty();
    }

    @Test
    void burstOfTenMegabytesIsCappedAndRunsToTheEnd() throws IOException {
        ExecResult result = run(Duration.ofSeconds(60), script("yes | head -c 10485760", "echo done >&2", "exit 4").toString());

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.outputTruncated()).isTrue();
        assertThat(result.output()).hasSize(LocalCommandRunner.DEFAULT_OUTPUT_CAP).startsWith("y\ny\n");
    }

    @Test
    void outputUnderTheCapIsNotTruncated() throws IOException {
        ExecResult result = run(Duration.ofSeconds(10), script("head -c 65536 /dev/zero | tr '\\0' x").toString());

        assertThat(result.outputTruncated()).isFalse();
        assertThat(result.output()).hasSize(65536);
    }

    @Test
    void directIsolationKillsTheDescendantsAtTimeout() throws IOException {
        LocalCommandRunner direct = new LocalCommandRunner(1024, GRACE, ProcessIsolation.DIRECT);
        Path script = script("sleep 1000 &", "sh -c 'sleep 1000 & wait' &", "wait");

        ExecResult result = direct.run(new ExecRequest(List.of(script.toString()), marked.environment(), dir,
                Duration.ofMillis(500)));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.output()).isEqualTo("<timed out after 500 ms; killed with its child processes>");
        assertThat(marked.alive()).isEmpty();
    }

    @Test
    void autoIsolationGivesScriptsASessionOfTheirOwn() throws IOException {
        LocalCommandRunner auto = new LocalCommandRunner(1024, GRACE, ProcessIsolation.AUTO);
        Path script = script("sleep 1000 &", "wait");

        ExecResult result = auto.run(new ExecRequest(List.of(script.toString()), marked.environment(), dir,
                Duration.ofMillis(500)));

        assertThat(result.output()).isEqualTo("<timed out after 500 ms; killed with its process group>");
        assertThat(marked.alive()).isEmpty();
    }

    @Test
    void autoIsolationRunsCompiledProgramsDirectly() {
        LocalCommandRunner auto = new LocalCommandRunner(1024, GRACE, ProcessIsolation.AUTO);

        ExecResult result = auto.run(new ExecRequest(List.of("/bin/sleep", "1000"), marked.environment(), dir,
                Duration.ofMillis(500)));

        assertThat(result.output()).isEqualTo("<timed out after 500 ms; killed with its child processes>");
        assertThat(marked.alive()).isEmpty();
        ExecResult plugin = auto.run(new ExecRequest(List.of(PLUGINS + "check_dummy", "0", "fast"), marked.environment(),
                dir, Duration.ofSeconds(10)));
        assertThat(plugin.output()).isEqualTo("OK: fast\n");
    }

    @Test
    void interruptedRunKillsTheCommandAndKeepsTheInterrupt() throws Exception {
        Path script = script("sleep 1000 &", "echo waiting", "wait");
        AtomicReference<ExecResult> result = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            result.set(run(Duration.ofSeconds(60), script.toString()));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> marked.alive().size() >= 2);
        caller.interrupt();
        caller.join(10_000);

        assertThat(result.get().output()).isEqualTo("waiting\n<interrupted; killed with its process group>");
        assertThat(result.get().succeeded()).isFalse();
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(marked.alive()).isEmpty();
    }

    @Test
    void manyConcurrentRunsAreAllCorrect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ExecResult>> runs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int code = i % 4;
                String text = "run " + i;
                runs.add(pool.submit(() -> run(Duration.ofSeconds(30), PLUGINS + "check_dummy", String.valueOf(code), text)));
            }
            Pattern line = Pattern.compile("(OK|WARNING|CRITICAL|UNKNOWN): run (\\d+)\n");
            for (int i = 0; i < runs.size(); i++) {
                ExecResult result = runs.get(i).get();
                Matcher m = line.matcher(result.output());
                assertThat(m.matches()).as(result.output()).isTrue();
                assertThat(Integer.parseInt(m.group(2))).isEqualTo(i);
                assertThat(result.exitCode()).isEqualTo(i % 4);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private ExecResult run(Duration timeout, String... argv) {
        return runner.run(new ExecRequest(List.of(argv), marked.environment(), dir, timeout));
    }

    private Path script(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "script", ".sh");
        Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
