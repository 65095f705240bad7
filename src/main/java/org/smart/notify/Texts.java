package org.smart.notify;

import java.time.Duration;

/** Small text helpers shared by the channels' failure reasons. */
final class Texts {

    private Texts() {
    }

    /** "10 s", or "1500 ms" for durations that are not whole seconds. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The text on one line and at most {@code max} characters, for quoting foreign output in a reason. */
    static String excerpt(String text, int max) {
        String oneLine = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }

    /** An exception's message with its causes' messages, e.g. "Couldn't connect to host: Connection refused". */
    static String causes(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            String message = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }
}
