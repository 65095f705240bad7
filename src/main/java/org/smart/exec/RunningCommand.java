package org.smart.exec;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * One started command and its captured output. The calling thread copies the output pipe while it
 * waits: it reads only what {@link InputStream#available()} reports, so it never blocks in a read
 * that a stray grandchild holding the pipe could keep open forever, and it wakes at once when the
 * command exits. While the pipe is silent it sleeps in {@link Process#waitFor(long, java.util.concurrent.TimeUnit)}
 * for 5 ms, doubling up to 50 ms; a command that fills the pipe (64 KiB) is therefore held up at most that
 * long. The exit itself wakes it at once, so a typical plugin, done within a few milliseconds, costs one
 * wake-up and not one per millisecond.
 */
final class RunningCommand implements AutoCloseable {

    private static final long FIRST_PAUSE = MILLISECONDS.toNanos(5);
    private static final long LONGEST_PAUSE = MILLISECONDS.toNanos(50);
    /** More than a pipe can hold: what a command wrote before it exited is all in the pipe. */
    private static final int LEFTOVER_LIMIT = 1 << 20;

    private final Process process;
    private final InputStream output;
    private final CappedOutput captured;
    private final byte[] chunk = new byte[8192];
    private final long startNanos;
    private long endNanos;
    private boolean readable = true;

    private final boolean ownSession;

    private RunningCommand(Process process, int outputCap, long startNanos, boolean ownSession) {
        this.ownSession = ownSession;
        this.process = process;
        this.output = process.getInputStream();
        this.captured = new CappedOutput(outputCap);
        this.startNanos = startNanos;
    }

    static RunningCommand start(ProcessBuilder builder, int outputCap, boolean ownSession) throws IOException {
        long startNanos = System.nanoTime();
        return new RunningCommand(builder.start(), outputCap, startNanos, ownSession);
    }

    /** Whether the command leads a session of its own, so its whole group can be found and killed. */
    boolean ownSession() {
        return ownSession;
    }

    long pid() {
        return process.pid();
    }

    long startNanos() {
        return startNanos;
    }

    /** Copies output until the command exits (true) or {@code deadlineNanos} passes (false). */
    boolean pumpUntil(long deadlineNanos) throws InterruptedException {
        long pause = FIRST_PAUSE;
        while (true) {
            boolean copied = copyAvailable();
            if (!process.isAlive()) {
                return exited();
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (copied) {
                pause = FIRST_PAUSE;
            } else if (process.waitFor(Math.min(pause, left), NANOSECONDS)) {
                return exited();
            } else {
                pause = Math.min(pause * 2, LONGEST_PAUSE);
            }
        }
    }

    /** Marks the end of the run now (for a command that had to be killed). */
    void markEnd() {
        if (endNanos == 0) {
            endNanos = System.nanoTime();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    Duration elapsed() {
        return Duration.ofNanos(endNanos - startNanos);
    }

    boolean truncated() {
        return captured.truncated();
    }

    String output() {
        return captured.text();
    }

    @Override
    public void close() {
        try {
            output.close();
        } catch (IOException e) {
            // nothing was lost: everything wanted was read before
        }
    }

    /** The command exited: take what it left in the pipe (grandchildren may go on writing; not theirs to wait for). */
    private boolean exited() {
        markEnd();
        long taken = 0;
        while (taken < LEFTOVER_LIMIT && copyAvailable()) {
            taken += chunk.length;
        }
        return true;
    }

    private boolean copyAvailable() {
        if (!readable) {
            return false;
        }
        try {
            int available = output.available();
            if (available <= 0) {
                return false;
            }
            int n = output.read(chunk, 0, Math.min(available, chunk.length));
            if (n > 0) {
                captured.write(chunk, n);
            }
            return n > 0;
        } catch (IOException e) {
            readable = false;
            return false;
        }
    }
}
