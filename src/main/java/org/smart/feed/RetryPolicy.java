package org.smart.feed;

import java.time.Duration;
import java.util.Objects;

/**
 * Growing, capped delays between attempts: {@code initial}, twice that, four times that, ... never
 * more than {@code max}.
 *
 * @param initial delay before the first retry
 * @param max     the longest delay
 */
public record RetryPolicy(Duration initial, Duration max) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial retry delay must be positive, not " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("longest retry delay " + max + " is shorter than the first " + initial);
        }
    }

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration d = initial.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }
}
