package org.smart.state;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RESTART_LIMIT: at most {@code restarts} restarts within the last {@code checks} checks of a
 * service, like Monit's {@code if 3 restarts within 5 cycles}.
 *
 * @param restarts the most restarts allowed in the window, at least 1
 * @param checks   the window length in checks, at least {@code restarts}
 */
public record RestartLimit(int restarts, int checks) {

    public static final RestartLimit DEFAULT = new RestartLimit(3, 5);

    private static final Pattern SYNTAX = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public RestartLimit {
        if (restarts < 1 || checks < restarts) {
            throw new IllegalArgumentException("restart limit needs 1 <= N <= M, not " + restarts + "/" + checks);
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
            throw new IllegalArgumentException("RESTART_LIMIT must be N/M (at most N restarts within M checks, e.g. "
                    + "3/5), not '" + text + "'");
        }
        int restarts = Integer.parseInt(m.group(1));
        int checks = Integer.parseInt(m.group(2));
        if (restarts < 1) {
            throw new IllegalArgumentException("RESTART_LIMIT '" + text + "': N must be at least 1");
        }
        if (checks < restarts) {
            throw new IllegalArgumentException("RESTART_LIMIT '" + text
                    + "': M (checks) must be at least N (restarts), since every restart follows a check");
        }
        return new RestartLimit(restarts, checks);
    }

    @Override
    public String toString() {
        return restarts + "/" + checks;
    }
}
