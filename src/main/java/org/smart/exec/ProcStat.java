package org.smart.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few fields of {@code /proc/PID/stat} the runner needs to find a command's processes, as read
 * by {@link org.smart.process.ProcStat}.
 *
 * @param pid        process id
 * @param ppid       parent process id
 * @param sid        session id
 * @param state      state letter; {@code Z} and {@code X} are dead
 * @param startTicks start time since boot; with the pid it tells a process from a later one that reused the pid
 */
record ProcStat(long pid, long ppid, long sid, char state, long startTicks) {

    private static final Path PROC = Path.of("/proc");

    boolean dead() {
        return state == 'Z' || state == 'X';
    }

    /** Every process readable right now (processes that vanish while reading are left out). */
    static List<ProcStat> all() {
        List<ProcStat> all = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    of(Long.parseLong(name)).ifPresent(all::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return all;
    }

    static Optional<ProcStat> of(long pid) {
        try {
            return Optional.of(parse(pid, Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.ISO_8859_1)));
        } catch (IOException | IllegalArgumentException vanishedOrTorn) {
            // A process that exits mid-read leaves no file, or an empty one: it is simply gone.
            return Optional.empty();
        }
    }

    /**
     * Parses a stat line; the command name in parentheses may itself hold spaces and ')'.
     *
     * @throws IllegalArgumentException when the line does not have the kernel's shape
     */
    static ProcStat parse(long pid, String line) {
        org.smart.process.ProcStat stat = org.smart.process.ProcStat.parse(line);
        return new ProcStat(pid, stat.ppid(), stat.session(), stat.state(), stat.startTicks());
    }

    /** Whether this same process (not a later one with its pid) still lives. */
    boolean stillAlive() {
        return of(pid).filter(now -> now.startTicks == startTicks && !now.dead()).isPresent();
    }
}
