package org.smart.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known key an unknown one was probably meant to be: a typo ({@code CHECK_TIMOUT}), a swapped pair of
 * letters ({@code intreval}), or the other file's spelling ({@code check_timeout} in host.conf,
 * {@code CHECK_TIMEOUT} or {@code checkTimeout} in smart.yml). Case, {@code _} and {@code -} are ignored,
 * then the closest key by edit distance wins if it is close enough to be a slip rather than another word.
 */
final class KeySuggestion {

    private KeySuggestion() {
    }

    /** {@code " did you mean 'KEY'?"} for {@code typed} among {@code known}, or an empty string. */
    static String didYouMean(String typed, Collection<String> known) {
        return closest(typed, known).map(key -> " did you mean '" + key + "'?").orElse("");
    }

    /** The closest of {@code known} to {@code typed} (the first on a tie), or none if none is close enough. */
    static Optional<String> closest(String typed, Collection<String> known) {
        String wanted = normalized(typed);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : known) {
            int distance = distance(wanted, normalized(key));
            if (distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        return bestDistance <= tolerance(wanted) ? Optional.ofNullable(best) : Optional.empty();
    }

    /** One slip in a short key, up to three in a long one: {@code port} is not a typo of {@code host}. */
    private static int tolerance(String key) {
        return Math.max(1, Math.min(3, key.length() / 4));
    }

    private static String normalized(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbouring
     * letters each cost one (a swap is the commonest typo, and plain Levenshtein counts it as two).
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
