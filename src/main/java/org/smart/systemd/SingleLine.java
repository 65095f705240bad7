package org.smart.systemd;

/** An sd_notify message is newline-separated assignments: a value must never start a second one. */
final class SingleLine {

    private SingleLine() {
    }

    static String of(String assignment) {
        StringBuilder line = new StringBuilder(assignment.length());
        assignment.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return line.toString();
    }
}
