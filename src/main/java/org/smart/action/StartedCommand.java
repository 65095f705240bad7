package org.smart.action;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** A start command that was launched: its process id and, once known, how it exited and what it printed. */
public interface StartedCommand {

    /** At most this much of what a start command printed is kept for its report: the end, which says why. */
    int OUTPUT_TAIL = 2000;

    long pid();

    /** The exit status once the command has exited; empty while it runs, or when it cannot be known. */
    OptionalInt exitStatus();

    /**
     * What the command printed (stdout and stderr), at most its last {@link #OUTPUT_TAIL} bytes, once it has
     * exited; empty while it runs, or when its output is not kept.
     */
    default String output() {
        return "";
    }

    /** A command started on this machine whose output goes nowhere. */
    static StartedCommand of(Process process) {
        return of(process, null, 0);
    }

    /**
     * A command started on this machine.
     *
     * @param log         the file its output is appended to, or null
     * @param logSizeThen the file's size before it started: what comes after is this start's output
     */
    static StartedCommand of(Process process, Path log, long logSizeThen) {
        return new StartedCommand() {
            @Override
            public long pid() {
                return process.pid();
            }

            @Override
            public OptionalInt exitStatus() {
                return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
            }

            @Override
            public String output() {
                return log == null || process.isAlive() ? "" : tail(log, logSizeThen);
            }
        };
    }

    /** The size of a log file, 0 when there is none (yet). */
    static long sizeOf(Path log) {
        try {
            return log == null || !Files.exists(log) ? 0 : Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String tail(Path log, long from) {
        try (InputStream in = Files.newInputStream(log)) {
            long start = Math.max(from, Files.size(log) - OUTPUT_TAIL);
            in.skipNBytes(start);
            return new String(in.readNBytes(OUTPUT_TAIL), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
