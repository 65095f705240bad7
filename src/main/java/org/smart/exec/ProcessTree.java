package org.smart.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes that make up one running command, found in {@code /proc}: the command itself, its
 * descendants, and, when the command leads a session of its own, every member of that session (this
 * catches grandchildren whose parent already died and that were handed to init). Signals go to each
 * process by pid because Java cannot signal a process group.
 *
 * @param rootPid   the command's pid
 * @param sessionId the session whose members belong to the command, or -1 when it has none of its own
 * @param members   the live processes found, the command first if it still lives
 */
record ProcessTree(long rootPid, long sessionId, List<ProcStat> members) {

    private static final long OWN_PID = ProcessHandle.current().pid();

    /** A first look: decides whether the command's session is its own (and never SMART's). */
    static ProcessTree scan(long rootPid) {
        List<ProcStat> all = ProcStat.all();
        long ownSid = ProcStat.of(OWN_PID).map(ProcStat::sid).orElse(-1L);
        long sessionId = all.stream()
                .filter(p -> p.pid() == rootPid && p.sid() == rootPid && p.sid() != ownSid)
                .findFirst().map(ProcStat::sid).orElse(-1L);
        return collect(rootPid, sessionId, all, List.of());
    }

    /** A fresh look at the same command, keeping earlier members that still live. */
    ProcessTree rescan() {
        return collect(rootPid, sessionId, ProcStat.all(), members);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** Whether any member found by this look still lives. */
    boolean anyAlive() {
        return members.stream().anyMatch(ProcStat::stillAlive);
    }

    /**
     * Signals each member that is still the process this look found. As in ProcessKiller, the handle is taken
     * before the start time is checked, so a pid given to another process since the look is never hit.
     */
    void signal(boolean kill) {
        for (ProcStat member : members) {
            ProcessHandle.of(member.pid()).filter(handle -> member.stillAlive())
                    .ifPresent(kill ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        }
    }

    private static ProcessTree collect(long rootPid, long sessionId, List<ProcStat> all, List<ProcStat> earlier) {
        Map<Long, ProcStat> found = new LinkedHashMap<>();
        Map<Long, ProcStat> byPid = new HashMap<>();
        Map<Long, List<ProcStat>> children = new HashMap<>();
        for (ProcStat p : all) {
            byPid.put(p.pid(), p);
            children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
        }
        Deque<Long> pending = new ArrayDeque<>(List.of(rootPid));
        while (!pending.isEmpty()) {
            long pid = pending.pop();
            ProcStat p = byPid.get(pid);
            if (p != null && found.putIfAbsent(pid, p) == null) {
                children.getOrDefault(pid, List.of()).forEach(child -> pending.push(child.pid()));
            }
        }
        if (sessionId > 0) {
            all.stream().filter(p -> p.sid() == sessionId).forEach(p -> found.putIfAbsent(p.pid(), p));
        }
        for (ProcStat before : earlier) {
            ProcStat now = byPid.get(before.pid());
            if (now != null && now.startTicks() == before.startTicks()) {
                found.putIfAbsent(now.pid(), now);
            }
        }
        found.values().removeIf(p -> p.dead() || p.pid() == OWN_PID);
        return new ProcessTree(rootPid, sessionId, List.copyOf(found.values()));
    }
}
