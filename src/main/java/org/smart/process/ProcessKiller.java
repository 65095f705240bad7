package org.smart.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops processes the way an administrator would: SIGTERM, a grace period, then SIGKILL for the
 * survivors. A process is signalled only while it is still the process that was seen (same pid and
 * start time), so a pid that was reused by another program in the meantime is never hit.
 */
public final class ProcessKiller implements ProcessStopper {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessKiller.class);
    private static final Duration DEFAULT_KILL_WAIT = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(20);

    private final ProcessLiveness liveness;
    private final Duration killWait;
    private final long ownPid = ProcessHandle.current().pid();

    public ProcessKiller(ProcessLiveness liveness) {
        this(liveness, DEFAULT_KILL_WAIT);
    }

    /** @param killWait how long to wait for processes to vanish after SIGKILL */
    public ProcessKiller(ProcessLiveness liveness, Duration killWait) {
        this.liveness = liveness;
        this.killWait = killWait;
    }

    /** Sends SIGTERM, waits up to {@code grace} for all to exit, then SIGKILLs the rest. Blocks meanwhile. */
    @Override
    public StopReport stop(Collection<ProcessInfo> processes, Duration grace) {
        List<ProcessInfo> refused = new ArrayList<>();
        List<ProcessInfo> alreadyGone = new ArrayList<>();
        List<ProcessInfo> termed = new ArrayList<>();
        for (ProcessInfo p : new LinkedHashSet<>(processes)) {
            if (p.pid() <= 1 || p.pid() == ownPid || isAncestor(p)) {
                LOG.warn("refusing to signal pid {} ({}): it is init, SMART itself or SMART's ancestor", p.pid(),
                        name(p));
                refused.add(p);
            } else if (signal(p, false)) {
                termed.add(p);
            } else {
                alreadyGone.add(p);
            }
        }
        List<ProcessInfo> stubborn = awaitExit(termed, grace);
        List<ProcessInfo> terminated = new ArrayList<>(termed);
        terminated.removeAll(stubborn);
        List<ProcessInfo> killSent = new ArrayList<>();
        for (ProcessInfo p : stubborn) {
            // One that exits between the wait and this signal still went on TERM.
            (signal(p, true) ? killSent : terminated).add(p);
        }
        List<ProcessInfo> survivors = awaitExit(killSent, killWait);
        List<ProcessInfo> killed = new ArrayList<>(killSent);
        killed.removeAll(survivors);
        survivors.forEach(p -> LOG.warn("pid {} ({}) survived SIGKILL", p.pid(), name(p)));
        return new StopReport(terminated, killed, survivors, alreadyGone, refused);
    }

    /**
     * Signals {@code p} if it is still the same process. The handle is taken first and the start time
     * checked after: the process seen now existed when the handle was taken, so the handle is its own,
     * and the JDK checks the handle's start time again right before kill(2).
     *
     * @return false when the process had already gone (or its pid belongs to another process now)
     */
    private boolean signal(ProcessInfo p, boolean forcibly) {
        Optional<ProcessHandle> handle = ProcessHandle.of(p.pid());
        if (handle.isEmpty() || !liveness.isRunning(p)) {
            return false;
        }
        boolean sent = forcibly ? handle.get().destroyForcibly() : handle.get().destroy();
        String signal = forcibly ? "KILL" : "TERM";
        if (sent) {
            LOG.info("sent SIG{} to pid {} ({})", signal, p.pid(), name(p));
        } else {
            LOG.warn("could not send SIG{} to pid {} ({})", signal, p.pid(), name(p));
        }
        return true;
    }

    /**
     * The last line of defence for SMART's parent (a cron job's shell, cron): whoever chose the processes, SMART
     * never signals the processes it runs under. Asked now, not at construction, as a parent may exit meanwhile.
     */
    private static boolean isAncestor(ProcessInfo p) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        while (parent.isPresent()) {
            if (parent.get().pid() == p.pid()) {
                return true;
            }
            parent = parent.get().parent();
        }
        return false;
    }

    /** Waits until every process has exited or the time is up; returns those still running. */
    private List<ProcessInfo> awaitExit(List<ProcessInfo> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<ProcessInfo> running = new ArrayList<>(processes);
        while (true) {
            running.removeIf(p -> !liveness.isRunning(p));
            if (running.isEmpty() || System.nanoTime() - deadline >= 0) {
                return running;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running;
            }
        }
    }

    private static String name(ProcessInfo p) {
        return ProcessTable.displayName(p);
    }
}
