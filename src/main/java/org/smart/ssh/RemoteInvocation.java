package org.smart.ssh;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The remote command lines SMART sends. Closing an SSH channel does not stop the remote process (neither MINA
 * nor OpenSSH signals it), so every invocation limits itself on the remote side:
 *
 * <pre>echo $$; LC_ALL=C; export LC_ALL; exec timeout -k 1 LIMIT COMMAND</pre>
 *
 * <ul>
 *   <li>{@code echo $$} prints the process id first. After {@code exec}, that process is GNU {@code timeout},
 *       the leader of the channel's process group (sshd made it a session leader), so SMART can kill the whole
 *       group over another channel if the remote side stops answering.</li>
 *   <li>{@code timeout} sends TERM to the command's whole process group at the limit, and KILL one second later
 *       to whatever ignored TERM; it then exits 124 (or 137). Children the command started go with it, even
 *       when the SSH connection is gone.</li>
 *   <li>{@code LC_ALL=C}: plugin output is parsed the same way on every host (decimal points), and
 *       {@code ${#var}} counts bytes in the batch script.</li>
 * </ul>
 *
 * The remote login shell must be a POSIX shell, and GNU coreutils' {@code timeout} must be on its PATH.
 */
final class RemoteInvocation {
    /** How long {@code timeout} waits after TERM before KILL. */
    static final Duration KILL_GRACE = Duration.ofSeconds(1);
    /** How much longer SMART waits for the remote side before it closes the channel itself. */
    static final Duration BACKSTOP_GRACE = Duration.ofSeconds(2);

    private static final String PREFIX = "echo $$; LC_ALL=C; export LC_ALL; exec timeout -k "
            + seconds(KILL_GRACE) + " ";

    private RemoteInvocation() {
    }

    /** One command; its stdin is /dev/null so a plugin that reads stdin cannot hang on it. */
    static String command(RemoteCommand command, Duration limit) {
        return PREFIX + seconds(limit) + " " + command.quoted() + " </dev/null";
    }

    /** A POSIX sh script read from the channel's stdin (so it never shows on a process list). */
    static String script(Duration limit) {
        return PREFIX + seconds(limit) + " sh -s";
    }

    /**
     * A script that keeps its own time limits (a batch: its watchdog does), so it saves the {@code timeout}
     * process; SMART's backstop still closes the channel and kills the process group if it overruns.
     */
    static String unlimitedScript() {
        return "echo $$; LC_ALL=C; export LC_ALL; exec sh -s";
    }

    /**
     * Kills the process group a timed-out invocation left behind, while {@code pid} is still that invocation's
     * (issue 10: nothing is signalled without being re-identified): either gone, when its group (if any is left)
     * keeps the number from being given to another process, or a child of the same SSH session process as this
     * command's shell. A pid given to another process meanwhile is never hit.
     */
    static String killGroup(long pid) {
        return "l=; read -r l < /proc/" + pid + "/stat 2>/dev/null; if [ -n \"$l\" ]; then l=${l##*) }; set -f; "
                + "set -- $l; [ \"$2\" = \"$PPID\" ] || exit 0; fi; kill -s KILL -- -" + pid + " " + pid
                + " 2>/dev/null; exit 0";
    }

    /** When SMART stops waiting for an invocation limited remotely to {@code limit}. */
    static Duration backstop(Duration limit) {
        return limit.plus(KILL_GRACE).plus(BACKSTOP_GRACE);
    }

    /** Exit statuses GNU timeout gives when it had to stop the command: 124 (TERM) or 128+9 (KILL). */
    static boolean isTimeoutStatus(int status) {
        return status == 124 || status == 137;
    }

    /** Seconds as {@code timeout} reads them: "10", "0.25". */
    static String seconds(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a remote time limit must be positive, not " + d);
        }
        long millis = Math.max(1, d.toMillis());
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
