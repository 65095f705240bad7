package org.smart.exec;

import java.time.Duration;

/**
 * What a finished (or killed) command left behind.
 *
 * @param exitCode        the exit code; -1 when the command could not start or was killed
 * @param output          stdout followed by stderr, at most the runner's cap, decoded as UTF-8
 * @param outputTruncated true when more output was produced than kept
 * @param timedOut        true when the command passed its timeout and was killed with its whole tree
 * @param elapsed         wall time from start to exit (or kill)
 * @param failure         why the command could not be started, or null
 */
public record ExecResult(int exitCode, String output, boolean outputTruncated, boolean timedOut,
                         Duration elapsed, String failure) {

    public boolean started() {
        return failure == null;
    }

    public boolean succeeded() {
        return started() && !timedOut && exitCode == 0;
    }

    public static ExecResult notStarted(String failure) {
        return new ExecResult(-1, "", false, false, Duration.ZERO, failure);
    }
}
