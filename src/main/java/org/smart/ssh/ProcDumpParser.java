package org.smart.ssh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.smart.process.ProcessInfo;

/**
 * Parses {@link RemoteProcReader}'s output: per process, its stat line and its cmdline, each followed by
 * {@code \nTOKEN\n}. A process that ended while being
 * read leaves empty pieces and is skipped.
 */
final class ProcDumpParser {
    /** Fields of /proc/PID/stat after "pid (comm) ", counted from 0 (state) — proc(5) numbers them 3 up. */
    private static final int STATE = 0;
    private static final int PPID = 1;
    private static final int PGRP = 2;
    private static final int SESSION = 3;
    private static final int STARTTIME = 19;

    private ProcDumpParser() {
    }

    static List<ProcessInfo> parse(byte[] out, String token) {
        List<byte[]> pieces = splitOn(out, 0, ("\n" + token + "\n").getBytes(StandardCharsets.US_ASCII));
        List<ProcessInfo> processes = new ArrayList<>();
        for (int i = 0; i + 1 < pieces.size(); i += 2) {
            ProcessInfo p = parseOne(pieces.get(i), pieces.get(i + 1));
            if (p != null) {
                processes.add(p);
            }
        }
        return processes;
    }

    private static ProcessInfo parseOne(byte[] stat, byte[] cmdline) {
        String line = new String(stat, StandardCharsets.UTF_8);
        int open = line.indexOf(" (");
        int close = line.lastIndexOf(") ");
        if (open <= 0 || close < open) {
            return null;
        }
        try {
            int pid = Integer.parseInt(line.substring(0, open));
            String comm = line.substring(open + 2, close);
            String[] f = line.substring(close + 2).trim().split(" ");
            return new ProcessInfo(pid, Integer.parseInt(f[PPID]), Integer.parseInt(f[PGRP]),
                    Integer.parseInt(f[SESSION]), f[STATE].charAt(0), comm, argv(cmdline),
                    Long.parseLong(f[STARTTIME]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<String> argv(byte[] cmdline) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                args.add(new String(cmdline, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < cmdline.length) {
            args.add(new String(cmdline, start, cmdline.length - start, StandardCharsets.UTF_8));
        }
        return args;
    }

    private static List<byte[]> splitOn(byte[] data, int from, byte[] marker) {
        List<byte[]> pieces = new ArrayList<>();
        int start = from;
        int at;
        while ((at = indexOf(data, marker, start)) >= 0) {
            pieces.add(java.util.Arrays.copyOfRange(data, start, at));
            start = at + marker.length;
        }
        pieces.add(java.util.Arrays.copyOfRange(data, start, data.length));
        return pieces;
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
