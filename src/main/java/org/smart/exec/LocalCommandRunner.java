package org.smart.exec;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on this machine, each in the calling thread (no thread per run; safe to call from
 * many threads at once). The run ends when the command exits; processes it leaves behind are not
 * waited for. A command that passes its timeout gets SIGTERM together with every process it
 * started; after a grace period whatever is left gets SIGKILL, and the output ends with a note
 * such as {@code <timed out after 10 s; killed with its process group>}.
 */
public final class LocalCommandRunner implements CommandRunner {

    public static final int DEFAULT_OUTPUT_CAP = 64 * 1024;
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(LocalCommandRunner.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Rounds of SIGKILL: each catches what the previous round's victims forked just before they died. */
    private static final int KILL_ROUNDS = 20;

    private final int outputCap;
    private final Duration killGrace;
    private final ProcessLauncher launcher;

    /** 64 KiB of output kept, 1 s between SIGTERM and SIGKILL, scripts in a session of their own. */
    public LocalCommandRunner() {
        this(DEFAULT_OUTPUT_CAP, DEFAULT_KILL_GRACE, ProcessIsolation.AUTO);
    }

    public LocalCommandRunner(int outputCap, Duration killGrace, ProcessIsolation isolation) {
        if (outputCap < 0) {
            throw new IllegalArgumentException("output cap must be >= 0, not " + outputCap);
        }
        this.outputCap = outputCap;
        this.killGrace = killGrace;
        this.launcher = new ProcessLauncher(isolation);
    }

    @Override
    public ExecResult run(ExecRequest request) {
        RunningCommand command;
        try {
            command = launcher.start(request, outputCap);
        } catch (StartFailure e) {
            return ExecResult.notStarted(e.getMessage());
        }
        try (command) {
            long deadline = command.startNanos() + request.timeout().toNanos();
            if (command.pumpUntil(deadline)) {
                return result(command, command.exitCode(), false, "");
            }
            stop(command);
            String killedWith = killedWith(command);
            LOG.warn("{} timed out after {}; killed with {}", request.argv().get(0),
                    DurationText.of(request.timeout()), killedWith);
            return result(command, -1, true,
                    "<timed out after " + DurationText.of(request.timeout()) + "; killed with " + killedWith + ">");
        } catch (InterruptedException e) {
            killRemaining(ProcessTree.scan(command.pid()));
            command.markEnd();
            Thread.currentThread().interrupt();
            return result(command, -1, false, "<interrupted; killed with " + killedWith(command) + ">");
        }
    }

    private static String killedWith(RunningCommand command) {
        return command.ownSession() ? "its process group" : "its child processes";
    }

    /** SIGTERM to the command and all it started, a grace period, then SIGKILL to what is left. */
    private void stop(RunningCommand command) throws InterruptedException {
        ProcessTree tree = ProcessTree.scan(command.pid());
        tree.signal(false);
        long graceEnd = System.nanoTime() + killGrace.toNanos();
        command.pumpUntil(graceEnd);
        while (tree.anyAlive() && System.nanoTime() < graceEnd) {
            TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
        }
        killRemaining(tree);
        command.pumpUntil(System.nanoTime() + killGrace.toNanos());
        command.markEnd();
    }

    /** Also used after an interrupt, so it must not be interruptible itself. */
    private static void killRemaining(ProcessTree tree) {
        for (int round = 0; round < KILL_ROUNDS; round++) {
            tree = tree.rescan();
            if (tree.isEmpty()) {
                return;
            }
            tree.signal(true);
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static ExecResult result(RunningCommand command, int exitCode, boolean timedOut, String note) {
        String output = command.output();
        if (!note.isEmpty()) {
            output = output.isEmpty() || output.endsWith("\n") ? output + note : output + "\n" + note;
        }
        return new ExecResult(exitCode, output, command.truncated(), timedOut, command.elapsed(), null);
    }
}
