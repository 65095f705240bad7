package org.smart.ssh;

import java.time.Duration;

/**
 * Growing delay between reconnection attempts: {@code first}, then doubling after each further failure, never
 * more than {@code max}.
 */
public record Backoff(Duration first, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public Backoff {
        if (first == null || max == null || first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("reconnect delays need 0 < first <= max, not " + first + " and " + max);
        }
    }

    /** The delay after the given number of consecutive failures (1 for the first). */
    public Duration delayAfter(int failures) {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
