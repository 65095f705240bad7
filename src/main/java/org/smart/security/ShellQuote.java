package org.smart.security;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Quotes a path for the fix commands printed in messages, so that they can be pasted into a shell. */
final class ShellQuote {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

    private ShellQuote() {
    }

    static String quote(Path path) {
        String text = path.toString();
        return PLAIN.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
