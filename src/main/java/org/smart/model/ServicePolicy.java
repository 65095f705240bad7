package org.smart.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.smart.policy.RecoverMode;
import org.smart.state.FlappingThresholds;
import org.smart.state.RestartLimit;

/**
 * How the daemon treats one service: when it is checked, when a problem counts, what it repairs, how
 * often it may restart it and which services it depends on. host.conf gives the defaults (see
 * {@link HostSettings#servicePolicy()}); a service in smart.yml may override each of them.
 *
 * @param interval         time between checks of a service whose state is confirmed (INTERVAL)
 * @param retryInterval    time between checks while a problem is still SOFT (RETRY_INTERVAL); null means
 *                         "the same as {@code interval}", see {@link #effectiveRetryInterval()}
 * @param maxCheckAttempts consecutive problem results before a problem is HARD (MAX_CHECK_ATTEMPTS)
 * @param recover          which confirmed problems the daemon repairs (RECOVER)
 * @param flappingEnabled  whether flapping detection may suspend restarts and notifications
 * @param flapping         flapping thresholds (FLAPPING_LOW, FLAPPING_HIGH)
 * @param restartLimit     N/M: every restart counts against N until the service has been OK for M checks in a
 *                         row after it; the N+1th is never made, the service is given up (RESTART_LIMIT)
 * @param restartDelay     pause before the second restart counted, doubling for each further one
 *                         (RESTART_DELAY); zero restarts at once every time
 * @param renotifyInterval repeat a problem notification this often while it lasts; zero never repeats
 *                         (RENOTIFY_INTERVAL)
 * @param dependsOn        names of the services this one depends on (smart.yml {@code depends_on})
 */
public record ServicePolicy(
        Duration interval,
        Duration retryInterval,
        int maxCheckAttempts,
        RecoverMode recover,
        boolean flappingEnabled,
        FlappingThresholds flapping,
        RestartLimit restartLimit,
        Duration restartDelay,
        Duration renotifyInterval,
        List<String> dependsOn) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RESTART_DELAY = Duration.ofSeconds(30);

    /** The policy an empty host.conf gives: the original's behaviour, checked every minute. */
    public static final ServicePolicy DEFAULT = new ServicePolicy(DEFAULT_INTERVAL, null, 1, RecoverMode.DEFAULT,
            true, FlappingThresholds.DEFAULT, RestartLimit.DEFAULT, DEFAULT_RESTART_DELAY, Duration.ZERO, List.of());

    public ServicePolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(recover, "recover");
        Objects.requireNonNull(flapping, "flapping");
        Objects.requireNonNull(restartLimit, "restartLimit");
        Objects.requireNonNull(restartDelay, "restartDelay");
        Objects.requireNonNull(renotifyInterval, "renotifyInterval");
        if (maxCheckAttempts < 1) {
            throw new IllegalArgumentException("maxCheckAttempts must be at least 1, not " + maxCheckAttempts);
        }
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** RETRY_INTERVAL, or INTERVAL when none is set. */
    public Duration effectiveRetryInterval() {
        return retryInterval == null ? interval : retryInterval;
    }

    public ServicePolicy withDependsOn(List<String> parents) {
        return new ServicePolicy(interval, retryInterval, maxCheckAttempts, recover, flappingEnabled, flapping,
                restartLimit, restartDelay, renotifyInterval, parents);
    }
}
