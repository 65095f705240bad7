package org.smart.notify;

import java.time.Duration;

/**
 * How long a channel waits before retrying a notification it failed to deliver: {@code first}
 * after the first failure, doubling with each further failure, never more than {@code max}.
 */
public record Backoff(Duration first, Duration max) {

    /** 30 s, 1 min, 2 min, 4 min … 1 h. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
    }

    public Duration after(int failedAttempts) {
        int doublings = Math.max(0, failedAttempts - 1);
        if (doublings >= 30) {
            return max;
        }
        Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
