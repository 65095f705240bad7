package org.smart.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Removes the stale pid and socket files a service left behind, here or on a remote host. */
@FunctionalInterface
public interface FileRemover {

    /** Removes the files of this machine. */
    FileRemover LOCAL = file -> {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(file)) {
            return false;
        }
        return Files.deleteIfExists(file);
    };

    /**
     * Removes {@code file} if it is there and is not a directory.
     *
     * @return true when it was removed, false when there was nothing to remove
     * @throws IOException when it is there but cannot be removed, with the reason
     */
    boolean removeIfPresent(Path file) throws IOException;
}
