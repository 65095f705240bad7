package org.smart.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.smart.security.SafeFiles;

/**
 * Reads the head of a pid file: from this machine's file system, or from what one read of a remote host's
 * state brought back.
 */
@FunctionalInterface
public interface PidFileReader {

    /** Reads the files of this machine: a regular file only, never through a link, never blocking. */
    PidFileReader LOCAL = (file, maxBytes) -> new String(SafeFiles.head(file, maxBytes), StandardCharsets.UTF_8);

    /**
     * Up to {@code maxBytes} bytes of the file, as UTF-8.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws org.smart.security.UnexpectedFileException when it is not a regular file (a link, a FIFO...)
     * @throws IOException                       when it cannot be read, with the reason
     */
    String readHead(Path file, int maxBytes) throws IOException;
}
