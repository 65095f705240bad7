package org.smart.process;

import java.util.List;

/**
 * What {@link ProcessKiller#stop} did to each process.
 *
 * @param terminated  exited after SIGTERM within the grace period
 * @param killed      still running after the grace period; exited after SIGKILL
 * @param survivors   still running even after SIGKILL (uninterruptible sleep, or not ours to signal)
 * @param alreadyGone had exited, or their pid belonged to another process, before any signal: not signalled
 * @param refused     never signalled because they are pid 1, SMART itself or one of its ancestors
 */
public record StopReport(List<ProcessInfo> terminated, List<ProcessInfo> killed, List<ProcessInfo> survivors,
                         List<ProcessInfo> alreadyGone, List<ProcessInfo> refused) {

    public StopReport {
        terminated = List.copyOf(terminated);
        killed = List.copyOf(killed);
        survivors = List.copyOf(survivors);
        alreadyGone = List.copyOf(alreadyGone);
        refused = List.copyOf(refused);
    }

    /** True when none of the processes is running any more. */
    public boolean allStopped() {
        return survivors.isEmpty() && refused.isEmpty();
    }

    /** One line for a notification, e.g. {@code stopped 3 processes: 2 by TERM, 1 by KILL}. */
    public String summary() {
        int stopped = terminated.size() + killed.size();
        StringBuilder text = new StringBuilder("stopped " + stopped + " process" + (stopped == 1 ? "" : "es")
                + ": " + terminated.size() + " by TERM, " + killed.size() + " by KILL");
        appendPids(text, "still running", survivors);
        appendPids(text, "already gone", alreadyGone);
        appendPids(text, "not signalled (pid 1 or SMART's own)", refused);
        return text.toString();
    }

    private static void appendPids(StringBuilder text, String label, List<ProcessInfo> processes) {
        if (!processes.isEmpty()) {
            text.append("; ").append(label).append(": ")
                    .append(String.join(", ", processes.stream().map(p -> Integer.toString(p.pid())).toList()));
        }
    }
}
