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
 * An immutable snapshot of the processes of the machine, indexed by pid and by parent, so that
 * one {@code /proc} read answers every question a check round asks.
 */
public final class ProcessTable {

    /** The kernel keeps at most this many bytes of a process's name ({@code TASK_COMM_LEN - 1}). */
    private static final int COMM_BYTES = 15;

    private final Map<Integer, ProcessInfo> byPid;
    private final Map<Integer, List<ProcessInfo>> childrenByPpid;

    private ProcessTable(Map<Integer, ProcessInfo> byPid) {
        this.byPid = byPid;
        Map<Integer, List<ProcessInfo>> children = new HashMap<>();
        for (ProcessInfo p : byPid.values()) {
            children.computeIfAbsent(p.ppid(), ppid -> new ArrayList<>()).add(p);
        }
        this.childrenByPpid = children;
    }

    /** @throws IllegalArgumentException when two processes share a pid */
    public static ProcessTable of(Collection<ProcessInfo> processes) {
        Map<Integer, ProcessInfo> byPid = new TreeMap<>();
        for (ProcessInfo p : processes) {
            if (byPid.putIfAbsent(p.pid(), p) != null) {
                throw new IllegalArgumentException("pid " + p.pid() + " appears twice in the process table");
            }
        }
        return new ProcessTable(byPid);
    }

    public Optional<ProcessInfo> get(int pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    /** Every process, ordered by pid. */
    public List<ProcessInfo> all() {
        return List.copyOf(byPid.values());
    }

    /** Children, grandchildren and so on of {@code pid} (not the process itself), nearest first. */
    public List<ProcessInfo> descendantsOf(int pid) {
        List<ProcessInfo> found = new ArrayList<>();
        Set<Integer> seen = new HashSet<>(Set.of(pid));
        Deque<Integer> parents = new ArrayDeque<>(List.of(pid));
        while (!parents.isEmpty()) {
            for (ProcessInfo child : childrenByPpid.getOrDefault(parents.removeFirst(), List.of())) {
                if (seen.add(child.pid())) {
                    found.add(child);
                    parents.addLast(child.pid());
                }
            }
        }
        return found;
    }

    /**
     * The live user processes named {@code processName} whose arguments contain {@code processParam}
     * (an empty param matches every one), except the excluded pids. See {@link #isNamed}.
     */
    public List<ProcessInfo> matching(String processName, String processParam, Set<Integer> excludedPids) {
        return byPid.values().stream()
                .filter(p -> !excludedPids.contains(p.pid()))
                .filter(p -> isNamed(p, processName))
                .filter(p -> p.arguments().contains(processParam))
                .toList();
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
}
