package org.smart.ssh;

import java.time.Duration;
import org.smart.exec.ExecResult;

/**
 * How one remote command ended.
 *
 * @param outcome   which of the distinct endings it was; a timeout and a lost connection are never mixed up
 * @param exitCode  the remote exit code when {@link Outcome#COMPLETED}, otherwise -1
 * @param stdout    standard output, at most the cap, decoded as UTF-8 (in a batch: stdout and stderr merged)
 * @param stderr    standard error, at most the cap (empty in a batch)
 * @param truncated true when more output was produced than kept
 * @param elapsed   wall time as seen by SMART
 * @param reason    why it did not complete normally (null for COMPLETED)
 */
public record RemoteResult(Outcome outcome, int exitCode, String stdout, String stderr, boolean truncated,
                           Duration elapsed, String reason) {

    public enum Outcome {
        /** The command ran and exited; {@code exitCode} is its status. */
        COMPLETED,
        /** The command passed its timeout and was killed on the remote host: SMART status 4, not responding. */
        TIMED_OUT,
        /** No working connection to the host: the host is DOWN and its services unreachable. */
        CONNECTION_FAILED,
        /** The connection is up, but this command could not be run on it (channel refused, garbled output). */
        CHANNEL_FAILED
    }

    public static RemoteResult completed(int exitCode, String stdout, String stderr, boolean truncated, Duration elapsed) {
        return new RemoteResult(Outcome.COMPLETED, exitCode, stdout, stderr, truncated, elapsed, null);
    }

    public static RemoteResult timedOut(String stdout, String stderr, boolean truncated, Duration elapsed, String reason) {
        return new RemoteResult(Outcome.TIMED_OUT, -1, stdout, stderr, truncated, elapsed, reason);
    }

    public static RemoteResult connectionFailed(String reason, Duration elapsed) {
        return new RemoteResult(Outcome.CONNECTION_FAILED, -1, "", "", false, elapsed, reason);
    }

    public static RemoteResult channelFailed(String reason, String stderr, Duration elapsed) {
        return new RemoteResult(Outcome.CHANNEL_FAILED, -1, "", stderr, false, elapsed, reason);
    }

    public boolean timedOut() {
        return outcome == Outcome.TIMED_OUT;
    }

    public boolean connectionFailed() {
        return outcome == Outcome.CONNECTION_FAILED;
    }

    /**
     * The same ending as a local {@link ExecResult}: a timeout stays a timeout, and a connection or channel
     * failure becomes "could not start" with the reason.
     */
    public ExecResult toExecResult() {
        String output = stderr.isEmpty() ? stdout : stdout + stderr;
        return switch (outcome) {
            case COMPLETED -> new ExecResult(exitCode, output, truncated, false, elapsed, null);
            case TIMED_OUT -> new ExecResult(-1, withReason(output), truncated, true, elapsed, null);
            case CONNECTION_FAILED, CHANNEL_FAILED -> new ExecResult(-1, output, truncated, false, elapsed, reason);
        };
    }

    private String withReason(String output) {
        return output.isEmpty() ? reason : output + (output.endsWith("\n") ? "" : "\n") + reason;
    }
}
