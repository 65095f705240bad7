package org.smart.action;

import java.time.Duration;
import java.util.List;
import org.smart.check.ServiceCheck;

/**
 * What a restart did and what it achieved.
 *
 * @param steps     each step taken, in words, for logs and notifications
 * @param after     the last re-check
 * @param succeeded the service was OK before the start timeout
 * @param elapsed   time from the first step to the last re-check
 */
public record RestartOutcome(List<String> steps, ServiceCheck after, boolean succeeded, Duration elapsed) {

    public RestartOutcome {
        steps = List.copyOf(steps);
    }
}
