package org.smart.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.smart.model.PrintableText;
import org.smart.model.SafeName;

/**
 * Rules every piece of text from a configuration file follows, whatever the field: no control character
 * (a NUL cuts a path or an argument short and makes Java refuse it, a line break or an escape sequence forges
 * log lines and rewrites terminals), and names from the safe alphabet of {@link SafeName}.
 */
final class ConfigText {

    private ConfigText() {
    }

    /** {@code text} itself when it holds no control character (TAB included; see {@link PrintableText}). */
    static String printable(String text) throws BadValueException {
        if (text == null) {
            return null;
        }
        int at = PrintableText.firstControl(text);
        if (at >= 0) {
            throw new BadValueException("contains the control character "
                    + PrintableText.describe(text.codePointAt(at)) + " at character " + (at + 1)
                    + "; a value must be printable text");
        }
        return text;
    }

    static String serviceName(String text) throws BadValueException {
        return name(text, SafeName::serviceNameProblem);
    }

    static String hostName(String text) throws BadValueException {
        return name(text, SafeName::hostNameProblem);
    }

    private static String name(String text, Function<String, Optional<String>> problemOf) throws BadValueException {
        String name = printable(text);
        Optional<String> problem = problemOf.apply(name);
        if (problem.isPresent()) {
            throw new BadValueException(problem.get());
        }
        return name;
    }

    /**
     * {@code file} resolved against {@code dir}, refused when it cannot be a file name on this machine: a NUL,
     * or a character the file-name encoding of SMART's locale lacks (é under {@code LANG=C}, as cron runs it).
     */
    static Path resolve(Path dir, String file) throws BadValueException {
        try {
            return dir.resolve(printable(file));
        } catch (InvalidPathException e) {
            throw notAPath(file, e);
        }
    }

    static BadValueException notAPath(String text, InvalidPathException e) {
        String reason = e.getReason();
        if (reason != null && reason.startsWith("Malformed input or input contains unmappable characters")) {
            reason = "a character cannot be written in the file-name encoding of this locale ("
                    + System.getProperty("sun.jnu.encoding") + "); run SMART with a UTF-8 locale such as"
                    + " LANG=C.UTF-8, or use ASCII";
        }
        return new BadValueException("'" + text + "' is not a valid path: " + reason);
    }
}
