package org.smart.state;

import java.time.Duration;
import java.util.Objects;

/**
 * The growing pause between restart attempts, like systemd's {@code RestartSteps}: the first
 * restart the guard counts happens at once, the next after {@code base}, then 2·base, 4·base… never more
 * than {@code cap}.
 *
 * @param base pause before the second restart
 * @param cap  the longest pause
 */
public record RestartBackoff(Duration base, Duration cap) {

    public static final RestartBackoff DEFAULT = new RestartBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10));

    public RestartBackoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("restart backoff needs 0 <= base <= cap, not base=" + base + " cap="
                    + cap);
        }
    }

    /** The pause after the latest restart before another one, given how many restarts the guard counts. */
    public Duration delayAfter(int restartsCounted) {
        if (restartsCounted <= 0) {
            return Duration.ZERO;
        }
        Duration delay = base;
        for (int i = 1; i < restartsCounted && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
