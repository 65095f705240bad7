package org.smart.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.smart.process.PidFiles;
import org.smart.security.SafeFiles;
import org.smart.security.UnexpectedFileException;

/** {@link FileRemover#LOCAL}: looks at the file itself (never through a link) before it unlinks it. */
final class LocalFiles {

    /** More than any pid file holds: what a pid file check reads. */
    private static final int PID_FILE_BYTES = 65;

    private LocalFiles() {
    }

    static FileRemover.Removal removeStale(Path file, FileRemover.Kind kind) throws IOException {
        try {
            String unexpected = kind == FileRemover.Kind.PID_FILE ? unexpectedPidFile(file) : unexpectedSocket(file);
            if (unexpected != null) {
                return FileRemover.Removal.kept(unexpected);
            }
            Files.delete(file); // unlink: removes a link, never what it names
            return FileRemover.Removal.REMOVED;
        } catch (NoSuchFileException e) {
            return FileRemover.Removal.NOTHING_THERE;
        }
    }

    /** Why the file is not a pid file SMART may remove, or null when it is one. */
    private static String unexpectedPidFile(Path file) throws IOException {
        SafeFiles.Type type = SafeFiles.typeOf(file);
        if (type != SafeFiles.Type.REGULAR) {
            return "it is " + type.words() + ", not a regular file";
        }
        String content;
        try {
            content = new String(SafeFiles.head(file, PID_FILE_BYTES), StandardCharsets.UTF_8);
        } catch (UnexpectedFileException e) { // replaced since the type was taken
            return "it " + e.reason();
        }
        return PidFiles.pidIn(content).isPresent() ? null : "it holds no process id";
    }

    private static String unexpectedSocket(Path file) throws IOException {
        SafeFiles.Type type = SafeFiles.typeOf(file);
        return type == SafeFiles.Type.SOCKET ? null : "it is " + type.words() + ", not a socket";
    }
}
