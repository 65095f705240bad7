package org.smart.process;

import java.util.List;

/**
 * One process as read from {@code /proc}, at the moment of the snapshot.
 *
 * @param pid        process id
 * @param ppid       parent process id
 * @param pgid       process group id
 * @param sid        session id
 * @param state      the state letter from {@code /proc/PID/stat} (R, S, D, Z, T…)
 * @param comm       the kernel's name for it ({@code /proc/PID/comm}, at most 15 characters)
 * @param argv       the command line, split on NUL; empty for kernel threads
 * @param startTicks start time in clock ticks since boot; with the pid, identifies the process
 *                   even after its pid is reused
 */
public record ProcessInfo(int pid, int ppid, int pgid, int sid, char state, String comm, List<String> argv,
                          long startTicks) {

    public ProcessInfo {
        argv = List.copyOf(argv);
    }

    public boolean isZombie() {
        return state == 'Z' || state == 'X';
    }

    /** Base name of {@code argv[0]}, or empty for kernel threads. */
    public String argv0Name() {
        if (argv.isEmpty()) {
            return "";
        }
        String first = argv.get(0);
        int slash = first.lastIndexOf('/');
        return slash < 0 ? first : first.substring(slash + 1);
    }

    /** The arguments after {@code argv[0]}, joined by single spaces. */
    public String arguments() {
        return argv.size() <= 1 ? "" : String.join(" ", argv.subList(1, argv.size()));
    }
}
