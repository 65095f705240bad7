package org.smart.action;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Removes the stale pid and socket files a service left behind, here or on a remote host: only when
 * the file is what SMART expects there, so that a mistyped path never costs anyone a file.
 */
@FunctionalInterface
public interface FileRemover {

    /** Removes the files of this machine. */
    FileRemover LOCAL = LocalFiles::removeStale;

    /** What a stale file must be to be removed. */
    enum Kind {
        /** A regular file (not a link) whose content is a process id. */
        PID_FILE("stale pid file"),
        /** A socket (not a link). */
        SOCKET("stale socket file");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** E.g. "stale pid file", for the restart report. */
        public String words() {
            return words;
        }
    }

    /**
     * What happened to a stale file.
     *
     * @param removed      it was there and was removed
     * @param keptBecause  why it was left in place (it is not what SMART expects), or null
     */
    record Removal(boolean removed, String keptBecause) {
        static final Removal NOTHING_THERE = new Removal(false, null);
        static final Removal REMOVED = new Removal(true, null);

        static Removal kept(String because) {
            return new Removal(false, because);
        }
    }

    /**
     * Removes {@code file} if it is there and is what {@code kind} says.
     *
     * @throws IOException when it should be removed but cannot be, with the reason
     */
    Removal removeStale(Path file, Kind kind) throws IOException;
}
