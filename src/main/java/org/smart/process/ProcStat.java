package org.smart.process;

import java.util.List;

/**
 * The fields SMART needs from one {@code /proc/PID/stat} line. The one parser of such lines: the
 * local process table, the command runner's process trees and remote process listings all use it.
 *
 * @param startTicks field 22, start time in clock ticks after boot
 */
public record ProcStat(int pid, String comm, char state, int ppid, int pgrp, int session, long startTicks) {

    /**
     * Parses a stat line. The name is taken between the first '(' and the last ')': a process may
     * call itself anything, including "a) (b", and only the last ')' is certainly the kernel's.
     *
     * @throws IllegalArgumentException when the line does not have the kernel's shape
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > line.length()) {
            throw malformed(line);
        }
        // After ") " come the fields from number 3 (state) on, so field n is fields[n - 3].
        String[] fields = line.substring(close + 2).split(" ");
        if (fields.length < 20 || fields[0].length() != 1) {
            throw malformed(line);
        }
        try {
            return new ProcStat(Integer.parseInt(line.substring(0, open).trim()), line.substring(open + 1, close),
                    fields[0].charAt(0), Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
                    Integer.parseInt(fields[3]), Long.parseLong(fields[19]));
        } catch (NumberFormatException e) {
            throw malformed(line);
        }
    }

    /** Dead but not yet reaped ({@code Z}), or dead ({@code X}). */
    public boolean isZombie() {
        return state == 'Z' || state == 'X';
    }

    /** The process these fields describe, with its command line. */
    public ProcessInfo withArgv(List<String> argv) {
        return new ProcessInfo(pid, ppid, pgrp, session, state, comm, argv, startTicks);
    }

    private static IllegalArgumentException malformed(String line) {
        return new IllegalArgumentException("malformed /proc stat line: '" + line.strip() + "'");
    }
}
