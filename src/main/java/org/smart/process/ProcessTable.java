package org.smart.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable snapshot of the processes of a machine, indexed by pid and by parent, so that one
 * {@code /proc} read answers every question a check round asks. It knows which process took it (SMART
 * itself, or the shell that listed a remote host), and so which processes are SMART's own.
 *
 * <p>What belongs to a service is decided here and only here (CONFIGURATION.md, "What belongs to a
 * service"): {@link #treeOf} when a correct pid file names its main process, {@link #matching} otherwise;
 * {@link #maySignal} says which of them a restart may signal.
 */
public final class ProcessTable {

    /** The kernel keeps at most this many bytes of a process's name ({@code TASK_COMM_LEN - 1}). */
    private static final int COMM_BYTES = 15;

    private final Map<Integer, ProcessInfo> byPid;
    private final Map<Integer, List<ProcessInfo>> childrenByPpid;
    /** The process that took the snapshot, or 0 when it is unknown. */
    private final int observerPid;
    /** That process and its ancestors, up to pid 1: never signalled, never searched for a service's processes. */
    private final Set<Integer> observerLine;
    /** The observer's session, or 0 when it is unknown or init's (see {@link #jobSession}). */
    private final int observerSession;

    private ProcessTable(Map<Integer, ProcessInfo> byPid, int observerPid) {
        this.byPid = byPid;
        Map<Integer, List<ProcessInfo>> children = new HashMap<>();
        for (ProcessInfo p : byPid.values()) {
            children.computeIfAbsent(p.ppid(), ppid -> new ArrayList<>()).add(p);
        }
        this.childrenByPpid = children;
        this.observerPid = observerPid;
        this.observerLine = lineOf(observerPid);
        this.observerSession = jobSession(byPid.get(observerPid));
    }

    /**
     * A table that knows of no process of SMART's (a test's, or one read where SMART does not run).
     *
     * @throws IllegalArgumentException when two processes share a pid
     */
    public static ProcessTable of(Collection<ProcessInfo> processes) {
        return of(processes, 0);
    }

    /**
     * @param observerPid the process that read {@code processes}: SMART on this machine, the listing shell on a
     *                    remote host; it and its ancestors are SMART's own. 0 when unknown.
     * @throws IllegalArgumentException when two processes share a pid
     */
    public static ProcessTable of(Collection<ProcessInfo> processes, int observerPid) {
        Map<Integer, ProcessInfo> byPid = new TreeMap<>();
        for (ProcessInfo p : processes) {
            if (byPid.putIfAbsent(p.pid(), p) != null) {
                throw new IllegalArgumentException("pid " + p.pid() + " appears twice in the process table");
            }
        }
        return new ProcessTable(byPid, observerPid);
    }

    public Optional<ProcessInfo> get(int pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    /** Every process, ordered by pid. */
    public List<ProcessInfo> all() {
        return List.copyOf(byPid.values());
    }

    /**
     * The service's processes when its correct pid file names {@code main}: {@code main} itself (even when SMART
     * runs under it, as a cron job runs under cron) and the descendants it started, nearest first. A descendant
     * counts only if it started no earlier than {@code main} (an older one was handed to it as an orphan) or is
     * itself the service's program ({@link #matches}), and only if it is neither SMART nor one of its ancestors:
     * the search never goes below a process that does not count, so SMART's job and what SMART started are
     * never another service's. Pid 1, and any process whose parent is out of sight (the init of a
     * pid namespace), adopts every orphan: none of its children is the service's through it.
     */
    public List<ProcessInfo> treeOf(ProcessInfo main, String processName, String processParam) {
        List<ProcessInfo> found = new ArrayList<>(List.of(main));
        if (adoptsOrphans(main)) {
            return found;
        }
        Deque<Integer> parents = new ArrayDeque<>(List.of(main.pid()));
        Set<Integer> seen = new HashSet<>(parents);
        while (!parents.isEmpty()) {
            for (ProcessInfo child : childrenByPpid.getOrDefault(parents.removeFirst(), List.of())) {
                if (seen.add(child.pid()) && startedBy(child, main, processName, processParam)) {
                    found.add(child);
                    parents.addLast(child.pid());
                }
            }
        }
        return found;
    }

    /**
     * The service's processes found by name: the live user processes named {@code processName} whose arguments
     * contain {@code processParam} (an empty param matches every one), except SMART's job: SMART itself and
     * its ancestors in its session (a cron job's shell and the cron child leading it). An ancestor outside
     * SMART's session (cron itself, when SMART runs as a cron job) is the service's, but never signalled
     * ({@link #maySignal}). See {@link #isNamed}.
     */
    public List<ProcessInfo> matching(String processName, String processParam) {
        return byPid.values().stream()
                .filter(p -> !isSmartsJob(p))
                .filter(p -> matches(p, processName, processParam))
                .toList();
    }

    /**
     * Whether a restart may signal {@code p}: never pid 1 (or 0), SMART itself or an ancestor of SMART, whatever
     * else says it is a service's.
     */
    public boolean maySignal(ProcessInfo p) {
        return p.pid() > 1 && !observerLine.contains(p.pid());
    }

    /** Whether {@code p} is the service's program: {@link #isNamed} with {@code processParam} in its arguments. */
    public static boolean matches(ProcessInfo p, String processName, String processParam) {
        return isNamed(p, processName) && p.arguments().contains(processParam);
    }

    /**
     * Whether {@code p} is a live user process called {@code processName}: the base name of its
     * {@code argv[0]} or its kernel name is that name. Both count because they differ for a shebang
     * script (argv[0] is the interpreter, comm the script) and after {@code exec -a} (argv[0] is the
     * chosen name, comm the binary). Zombies and kernel threads (no argv) are never a match.
     */
    static boolean isNamed(ProcessInfo p, String processName) {
        if (p.isZombie() || p.argv().isEmpty()) {
            return false;
        }
        return p.argv0Name().equals(processName) || p.comm().equals(asComm(processName));
    }

    /** The name as the kernel would store it in comm: cut to 15 bytes of UTF-8. */
    static String asComm(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= COMM_BYTES) {
            return name;
        }
        // Decoding the cut bytes the same way ProcFs decodes comm keeps a split character comparable.
        return new String(Arrays.copyOf(bytes, COMM_BYTES), StandardCharsets.UTF_8);
    }

    /** The name to show for a process: argv[0]'s base name, or the kernel name for kernel threads. */
    static String displayName(ProcessInfo p) {
        String argv0 = p.argv0Name();
        return argv0.isEmpty() ? p.comm() : argv0;
    }

    private boolean startedBy(ProcessInfo child, ProcessInfo main, String processName, String processParam) {
        return !child.isZombie() && !observerLine.contains(child.pid())
                && (child.startTicks() >= main.startTicks() || matches(child, processName, processParam));
    }

    /** Pid 1, and the init of a pid namespace seen from outside it (its parent is not in sight: ppid 0). */
    private static boolean adoptsOrphans(ProcessInfo p) {
        return p.pid() <= 1 || p.ppid() == 0;
    }

    /** SMART itself, or an ancestor in SMART's session: the job SMART runs as. */
    private boolean isSmartsJob(ProcessInfo p) {
        return p.pid() == observerPid
                || (observerLine.contains(p.pid()) && observerSession != 0 && p.sid() == observerSession);
    }

    /** The process and its ancestors, as far as the table shows them; empty when the process is not in it. */
    private Set<Integer> lineOf(int pid) {
        Set<Integer> line = new HashSet<>();
        ProcessInfo p = byPid.get(pid);
        while (p != null && line.add(p.pid())) {
            p = byPid.get(p.ppid());
        }
        return line;
    }

    /**
     * The observer's session, which tells SMART's job (a cron job, an operator's login) from the services it runs
     * under. None when it is init's (session 1: in a container every process started from the entry point shares
     * it) or out of sight (0: the session of a pid namespace's creator).
     */
    private static int jobSession(ProcessInfo observer) {
        return observer == null || observer.sid() <= 1 ? 0 : observer.sid();
    }
}
