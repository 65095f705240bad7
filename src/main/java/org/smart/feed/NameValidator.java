package org.smart.feed;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.smart.model.PrintableText;

/**
 * Checks host and service names before they go into an external command line. Called at
 * configuration time (to report a clear problem) and again by {@link PassiveResult} (so that a
 * name skipped by validation still cannot inject anything).
 *
 * <p>Refused: an empty name; {@code ;} (the field separator of external commands, so a name with
 * one would shift every later field); control characters and Unicode line separators (a line
 * break would start a second command); leading or trailing white space (Nagios strips it from
 * object names, so the result would never match); more than {@value #MAX_BYTES} bytes of UTF-8
 * (two such names still leave room for output in a {@value ExternalCommandFormatter#PIPE_BUF}-byte
 * line).
 */
public final class NameValidator {

    public static final int MAX_BYTES = 1000;

    private NameValidator() {
    }

    /**
     * What is wrong with a name, or empty when it is fine.
     *
     * @param what what the name is, for the message (e.g. {@code "service name"})
     */
    public static Optional<String> problem(String what, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(what + " is empty");
        }
        String quoted = "'" + visible(name) + "'";
        if (name.indexOf(';') >= 0) {
            return Optional.of(what + " " + quoted + " contains ';', the field separator of Nagios external commands");
        }
        int control = firstControl(name);
        if (control >= 0) {
            return Optional.of(what + " " + quoted + " contains the control character "
                    + String.format("U+%04X", control) + "; names must be one line of printable text");
        }
        if (!name.strip().equals(name)) {
            return Optional.of(what + " " + quoted
                    + " starts or ends with white space, which Nagios strips from object names");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of(what + " is " + bytes + " bytes long; at most " + MAX_BYTES + " are allowed");
        }
        return Optional.empty();
    }

    /** Throws {@link IllegalArgumentException} with the {@link #problem} message. */
    static void requireValid(String what, String name) {
        problem(what, name).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
    }

    /** The name with control characters shown as escapes ({@code \n}, {@code \x{1B}}), for messages. */
    static String visible(String text) {
        return PrintableText.visible(text);
    }

    private static int firstControl(String name) {
        return name.codePoints().filter(PrintableText::isControl).findFirst().orElse(-1);
    }
}
