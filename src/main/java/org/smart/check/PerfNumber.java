package org.smart.check;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decimal numbers as plugins write them; stricter than {@link Double#parseDouble} (no NaN, hex, or 10d). */
final class PerfNumber {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");

    private PerfNumber() {
    }

    static double parse(String text, String what) {
        if (!NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number");
        }
        return Double.parseDouble(text);
    }

    /** How many leading characters of {@code text} form a number; 0 when it does not start with one. */
    static int leadingLength(String text) {
        Matcher m = NUMBER.matcher(text);
        return m.lookingAt() ? m.end() : 0;
    }

    /** A number as a plugin would write it: {@code 10}, not {@code 10.0}. */
    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
