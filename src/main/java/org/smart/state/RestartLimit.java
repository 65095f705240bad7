package org.smart.state;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RESTART_LIMIT {@code N/M}: every automatic restart counts against N until the service has been OK for
 * M consecutive checks after it (a stable run clears the count, as Kubernetes clears its back-off); the
 * restart that would be the N+1th is never made.
 *
 * @param restarts N, the most restarts counted at once, at least 1
 * @param checks   M, the consecutive OK checks that clear the count, at least 1
 */
public record RestartLimit(int restarts, int checks) {

    public static final RestartLimit DEFAULT = new RestartLimit(3, 5);

    /** What N/M means, for messages. */
    static final String MEANING = "at most N restarts until the service has been OK for M checks in a row, e.g. 3/5";

    private static final Pattern SYNTAX = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public RestartLimit {
        if (restarts < 1 || checks < 1) {
            throw new IllegalArgumentException("restart limit needs N >= 1 and M >= 1, not " + restarts + "/" + checks);
        }
    }

    /**
     * Parses {@code "N/M"}, e.g. {@code "3/5"}.
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static RestartLimit parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("RESTART_LIMIT must be N/M (" + MEANING + "), not '" + text + "'");
        }
        int restarts = Integer.parseInt(m.group(1));
        int checks = Integer.parseInt(m.group(2));
        if (restarts < 1) {
            throw new IllegalArgumentException("RESTART_LIMIT '" + text + "': N (restarts) must be at least 1");
        }
        if (checks < 1) {
            throw new IllegalArgumentException("RESTART_LIMIT '" + text
                    + "': M (OK checks in a row that clear the count) must be at least 1");
        }
        return new RestartLimit(restarts, checks);
    }

    @Override
    public String toString() {
        return restarts + "/" + checks;
    }
}
