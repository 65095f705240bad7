package org.smart.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that tests write. */
public final class TestFiles {

    private TestFiles() {
    }

    /**
     * Writes an executable ({@code rwxr-xr-x}) with this content, creating its directories; the
     * content brings its own shebang.
     */
    public static Path executable(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
