package org.smart.model;

/**
 * Which characters text from outside (configuration files, plugin output, the environment) may carry into
 * SMART's own output, and how the others are shown. A control character in a message could rewrite the
 * operator's terminal (an escape sequence), forge a line of a log or a mail header (a line break), or cut a
 * path short (NUL), so it is shown as an escape instead: {@code \0}, {@code \n}, {@code \x{1B}}.
 */
public final class PrintableText {

    /** Longer messages keep their start and end, with the middle left out (a 10 MB field quoted back). */
    public static final int MAX_MESSAGE_LENGTH = 1000;

    private PrintableText() {
    }

    /**
     * C0 controls (TAB among them), DEL, C1 controls (NEL among them), the Unicode line and paragraph
     * separators, and lone UTF-16 surrogates, which have no UTF-8 form and so cannot be a file name.
     */
    public static boolean isControl(int cp) {
        return Character.getType(cp) == Character.CONTROL
                || cp == 0x2028 || cp == 0x2029
                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    /** The index (in chars) of the first control character of {@code text}, or -1 when there is none. */
    public static int firstControl(String text) {
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            if (isControl(text.codePointAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** How a message names a character: {@code U+0000 (NUL)}, {@code U+0009 (TAB)}, {@code U+001B}. */
    public static String describe(int cp) {
        String code = String.format("U+%04X", cp);
        return switch (cp) {
            case 0 -> code + " (NUL)";
            case '\t' -> code + " (TAB)";
            case '\n' -> code + " (line feed)";
            case '\r' -> code + " (carriage return)";
            case 0x1B -> code + " (ESC)";
            default -> code;
        };
    }

    /** {@code text} with every control character shown as an escape, so that it prints as one harmless line. */
    public static String visible(String text) {
        return visible(text, false);
    }

    /** Like {@link #visible(String)}, but TABs stay: they lay out a plugin's long output. */
    public static String visibleKeepingTabs(String text) {
        return visible(text, true);
    }

    private static String visible(String text, boolean keepTabs) {
        if (firstControl(text) < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (keepTabs && cp == '\t') {
                sb.append('\t');
                return;
            }
            switch (cp) {
                case 0 -> sb.append("\\0");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (isControl(cp)) {
                        sb.append(String.format("\\x{%X}", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.toString();
    }

    /** {@link #visible} text of at most about {@link #MAX_MESSAGE_LENGTH} characters, its middle left out. */
    public static String message(String text) {
        String shown = visible(text);
        if (shown.length() <= MAX_MESSAGE_LENGTH) {
            return shown;
        }
        int keep = MAX_MESSAGE_LENGTH / 2;
        int head = safeCut(shown, keep);
        int tail = safeCut(shown, shown.length() - keep);
        return shown.substring(0, head) + "[… " + (tail - head) + " characters left out …]" + shown.substring(tail);
    }

    /** {@code index}, moved back one when it would split a surrogate pair. */
    private static int safeCut(String text, int index) {
        return index > 0 && Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
    }
}
