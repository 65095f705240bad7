package org.smart.ssh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.smart.process.ProcFs;
import org.smart.process.ProcStat;
import org.smart.process.ProcessInfo;
import org.smart.process.ProcessTable;

/**
 * Parses {@link RemoteProcReader}'s output: the listing shell's pid, then per process its stat line and its
 * cmdline, each followed by {@code \nTOKEN\n}. A process that ended while being read leaves empty pieces and is
 * skipped.
 */
final class ProcDumpParser {

    private ProcDumpParser() {
    }

    /** @throws IllegalArgumentException when the listing does not start with a pid, or holds a pid twice */
    static ProcessTable parse(byte[] out, String token) {
        List<byte[]> pieces = splitOn(out, 0, ("\n" + token + "\n").getBytes(StandardCharsets.US_ASCII));
        String lister = new String(pieces.get(0), StandardCharsets.US_ASCII);
        if (!lister.matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("the process listing does not start with its own pid");
        }
        List<ProcessInfo> processes = new ArrayList<>();
        for (int i = 1; i + 1 < pieces.size(); i += 2) {
            ProcessInfo p = parseOne(pieces.get(i), pieces.get(i + 1));
            if (p != null) {
                processes.add(p);
            }
        }
        return ProcessTable.of(processes, Integer.parseInt(lister));
    }

    /** The process, or null when it ended while being read (an empty or torn stat line). */
    private static ProcessInfo parseOne(byte[] stat, byte[] cmdline) {
        try {
            return ProcStat.parse(new String(stat, StandardCharsets.UTF_8)).withArgv(ProcFs.splitCmdline(cmdline));
        } catch (IllegalArgumentException vanishedOrTorn) {
            return null;
        }
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
