package org.smart.ssh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.smart.process.ProcessInfo;

/**
 * Parses {@link RemoteProcReader}'s output: lines {@code PID UID} up to a line holding the token, then, per
 * process, its stat line and its cmdline, each followed by {@code \nTOKEN\n}. A process that ended while being
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
        byte[] tokenLine = (token + "\n").getBytes(StandardCharsets.US_ASCII);
        int split = indexOf(out, tokenLine, 0);
        while (split > 0 && out[split - 1] != '\n') {
            split = indexOf(out, tokenLine, split + 1);
        }
        if (split < 0) {
            throw new IllegalArgumentException("process listing has no section marker");
        }
        Map<Integer, Integer> uids = parseUids(new String(out, 0, split, StandardCharsets.US_ASCII));
        List<byte[]> pieces = splitOn(out, split + tokenLine.length, ("\n" + token + "\n").getBytes(StandardCharsets.US_ASCII));
        List<ProcessInfo> processes = new ArrayList<>();
        for (int i = 0; i + 1 < pieces.size(); i += 2) {
            ProcessInfo p = parseOne(pieces.get(i), pieces.get(i + 1), uids);
            if (p != null) {
                processes.add(p);
            }
        }
        return processes;
    }

    private static Map<Integer, Integer> parseUids(String section) {
        Map<Integer, Integer> uids = new HashMap<>();
        for (String line : section.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) {
                uids.put(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        }
        return uids;
    }

    private static ProcessInfo parseOne(byte[] stat, byte[] cmdline, Map<Integer, Integer> uids) {
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
                    Long.parseLong(f[STARTTIME]), uids.getOrDefault(pid, -1));
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
