package org.smart.process;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts real processes for a test and kills every one of them, with their descendants, after each
 * test: register it with {@code @RegisterExtension}.
 * Processes are remembered as {@link ProcessHandle}s, which carry the start time, so cleanup never
 * hits a process that merely inherited a pid.
 */
final class TestProcesses implements AfterEachCallback {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private final List<Process> children = new ArrayList<>();
    private final List<ProcessHandle> others = new ArrayList<>();
    private final ProcFs procFs = new ProcFs();

    /**
     * A string no other process on the machine has in its arguments, usable as an extra {@code sleep}
     * operand ({@code sleep 300 0.000…} sleeps the sum), so tests never match strangers' sleeps.
     */
    static String token() {
        // Fixed width, so that no token is a prefix of another one of this JVM.
        return "0.000" + ProcessHandle.current().pid() + String.format("%06d", SEQUENCE.incrementAndGet());
    }

    /** Starts a child with stdin a pipe (so {@code read} blocks) and output discarded. */
    Process start(String... argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD).start();
            children.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code shellCommand} in the background of a shell that exits: the result is not our child. */
    ProcessInfo startOrphan(String shellCommand) {
        try {
            Process shell = new ProcessBuilder("sh", "-c", shellCommand + " </dev/null >/dev/null 2>&1 & echo $!")
                    .redirectError(Redirect.DISCARD).start();
            String pid;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))) {
                pid = out.readLine().strip();
            }
            adopt(Long.parseLong(pid));
            return awaitInfo(Integer.parseInt(pid), p -> p.ppid() != shell.pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code sleep 300 <token>} child, once it runs. */
    ProcessInfo startSleep() {
        String token = token();
        return awaitExec(start("sleep", "300", token), token);
    }

    /** What a process that had {@code p}'s pid before it would look like: same pid, earlier start. */
    static ProcessInfo earlierOwnerOfPid(ProcessInfo p) {
        return new ProcessInfo(p.pid(), p.ppid(), p.pgid(), p.sid(), p.state(), p.comm(), p.argv(),
                p.startTicks() - 1);
    }

    /** A real zombie: a shell starts a child, then becomes a sleep that never reaps it. */
    ProcessInfo startZombie() {
        String token = token();
        Process parent = start("sh", "-c", "sleep 0 " + token + " & exec sleep 300 " + token);
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> procFs.snapshot().all().stream().filter(p -> p.ppid() == parent.pid()).findFirst().orElse(null),
                child -> child != null && child.isZombie());
    }

    /** Kills this process at cleanup too. */
    void adopt(long pid) {
        ProcessHandle.of(pid).ifPresent(others::add);
    }

    /** Waits until the process has exec'ed into what the test expects, and returns it as /proc shows it. */
    ProcessInfo awaitInfo(long pid, Predicate<ProcessInfo> ready) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> procFs.read((int) pid).filter(ready).orElse(null), p -> p != null);
    }

    /** Waits until the started child runs a program whose argv ends with {@code lastArg}. */
    ProcessInfo awaitExec(Process process, String lastArg) {
        return awaitInfo(process.pid(), p -> !p.argv().isEmpty() && p.argv().get(p.argv().size() - 1).equals(lastArg));
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (Process child : children) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
        others.forEach(ProcessHandle::destroyForcibly);
        for (Process child : children) {
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
