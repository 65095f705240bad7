package org.smart.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;
import org.smart.security.SafeFiles;
import org.smart.security.UnexpectedFileException;

/** Reading configuration files, and what to say when one cannot be read. */
final class ConfigFiles {

    /** The largest configuration file read (CONFIGURATION.md); a larger one is refused before parsing. */
    static final int MAX_BYTES = 1024 * 1024;
    static final String MAX_SIZE_TEXT = "1 MiB";

    private ConfigFiles() {
    }

    /**
     * The file as text. Bytes that are not UTF-8 (an old Latin-1 comment, say) become U+FFFD instead of
     * failing the whole file. Only a regular file is read (a symbolic link to one is fine: configuration
     * management makes them), and never more than {@link #MAX_BYTES}: a FIFO in its place would hang every
     * run, a huge file the parser.
     */
    static String text(Path file) throws IOException {
        byte[] bytes = SafeFiles.whole(file, MAX_BYTES, MAX_SIZE_TEXT, SafeFiles.Links.FOLLOW);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The file's lines; line {@code n} of the file is element {@code n - 1}. CR LF endings are accepted. */
    static List<String> lines(Path file) throws IOException {
        return text(file).lines().toList();
    }

    static ConfigProblem unreadable(Path file, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "does not exist";
        } else if (e instanceof UnexpectedFileException unexpected) {
            reason = unexpected.reason();
        } else if (e instanceof AccessDeniedException) {
            reason = "cannot be read: permission denied";
        } else {
            reason = "cannot be read: " + e.getMessage();
        }
        return new ConfigProblem(Origin.of(file, 0), "", reason);
    }

    /** The directory relative paths in {@code file} are taken from: the one holding it. */
    static Path configDirOf(Path file) {
        return file.toAbsolutePath().normalize().getParent();
    }
}
