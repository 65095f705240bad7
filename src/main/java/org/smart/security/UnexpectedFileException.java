package org.smart.security;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file SMART did not read because it is not what SMART expects there: a FIFO, a symbolic link, a
 * directory, or a file over its size limit.
 */
public final class UnexpectedFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    /** @param reason what it is, after the path: "is a FIFO, not a regular file" */
    public UnexpectedFileException(Path file, String reason) {
        super(file + " " + reason);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** The message without the path, for a report that names the file already. */
    public String reason() {
        return reason;
    }
}
