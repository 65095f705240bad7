package org.smart.feed;

import org.smart.model.PrintableText;

/** Which characters may never reach a command line or an API body as they are. */
final class ControlChars {

    /** U+FFFD, put where a character had to go. */
    static final String REPLACEMENT = "\uFFFD";

    private ControlChars() {
    }

    /**
     * {@link PrintableText#isControl} but TAB, which is left to the callers: harmless on the wire, but not
     * wanted in a name.
     */
    static boolean isControl(int cp) {
        return cp != '\t' && PrintableText.isControl(cp);
    }

    /**
     * Text for Icinga 2's API: line breaks (CR LF, lone CR) become LF, TAB stays, every other
     * control character becomes U+FFFD. The API takes multi-line output as it is.
     */
    static String cleanMultiline(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r') {
                if (i < text.length() && text.charAt(i) == '\n') {
                    i++;
                }
                sb.append('\n');
            } else if (cp == '\n' || cp == '\t' || !isControl(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(REPLACEMENT);
            }
        }
        return sb.toString();
    }
}
