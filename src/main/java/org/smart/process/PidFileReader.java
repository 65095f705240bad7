package org.smart.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the head of a pid file: from this machine's file system, or from what one read of a remote host's
 * state brought back.
 */
@FunctionalInterface
public interface PidFileReader {

    /** Reads the files of this machine. */
    PidFileReader LOCAL = (file, maxBytes) -> {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(maxBytes), java.nio.charset.StandardCharsets.UTF_8);
        }
    };

    /**
     * Up to {@code maxBytes} bytes of the file, as UTF-8.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws IOException                       when it cannot be read, with the reason
     */
    String readHead(Path file, int maxBytes) throws IOException;
}
