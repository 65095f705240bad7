package org.smart.ssh;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting, so a remote command line is built from an argument vector and never by pasting text:
 * each argument comes out as one word whatever bytes it holds.
 */
public final class ShellQuoting {
    /** Words made only of these need no quotes; keeps logged command lines readable. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {
    }

    /** The words joined by spaces, each quoted as needed. */
    public static String quote(List<String> argv) {
        return argv.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }

    /**
     * One word: as is when it is made of safe characters only, otherwise in single quotes, where nothing is
     * special except the single quote itself, which is written as {@code '\''}.
     */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot hold a NUL byte");
        }
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
