package org.smart.ssh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting, so a remote command line is built from an argument vector and never by pasting text:
 * each argument comes out as one word whatever bytes it holds.
 */
public final class ShellQuoting {
    /** Besides ASCII letters and digits, words made only of these need no quotes; keeps command lines readable. */
    private static final String SAFE_PUNCTUATION = "_@%+=:,./-";

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
        if (isSafe(word)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A loop, not a regular expression: a batch quotes some twenty words per command. */
    private static boolean isSafe(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && SAFE_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
