package org.smart.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits performance data into items. Items are separated by blanks; a label holding blanks is
 * quoted with {@code '}, and {@code ''} inside the quotes stands for one quote. A malformed item is
 * skipped; after an unclosed quote nothing more can be split reliably, so the rest is skipped.
 */
final class PerfDataParser {

    private final CharSequence text;
    private int pos;

    private PerfDataParser(CharSequence text) {
        this.text = text;
    }

    static List<PerfDatum> parse(CharSequence text) {
        return new PerfDataParser(text).items();
    }

    private List<PerfDatum> items() {
        List<PerfDatum> items = new ArrayList<>();
        while (skipBlanks()) {
            String label = label();
            if (label == null) {
                break;
            }
            if (pos < text.length() && text.charAt(pos) == '=') {
                pos++;
                addIfWellFormed(items, label, word());
            } else {
                word();
            }
        }
        return items;
    }

    private static void addIfWellFormed(List<PerfDatum> items, String label, String spec) {
        try {
            items.add(PerfDatum.parse(label, spec));
        } catch (IllegalArgumentException malformed) {
            // skipped on purpose: the item stays visible in the raw output
        }
    }

    /** The label at pos, unquoted; null after an unclosed quote. */
    private String label() {
        if (text.charAt(pos) != '\'') {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '=' && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return text.subSequence(start, pos).toString();
        }
        StringBuilder label = new StringBuilder();
        for (pos++; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (c == '\'') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '\'') {
                    pos++;
                } else {
                    pos++;
                    return label.toString();
                }
            }
            label.append(c);
        }
        return null;
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return text.subSequence(start, pos).toString();
    }

    /** Moves past blanks; false at the end. */
    private boolean skipBlanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos < text.length();
    }
}
