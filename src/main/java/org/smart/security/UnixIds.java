package org.smart.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Numeric user ids of this process, read from {@code /proc} because Java has no {@code geteuid()}. */
public final class UnixIds {

    private static final Path STATUS = Path.of("/proc/self/status");

    private UnixIds() {
    }

    /**
     * The effective user id: the second number of the {@code Uid:} line of {@code /proc/self/status}
     * (real, effective, saved, filesystem).
     */
    public static int effectiveUid() {
        try {
            return Files.readAllLines(STATUS).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .map(line -> Integer.parseInt(line.substring(4).trim().split("\\s+")[1]))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Uid: line in " + STATUS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS, e);
        }
    }

    public static boolean runningAsRoot() {
        return effectiveUid() == 0;
    }
}
