package org.smart.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;
import org.smart.model.ServicePolicy;
import org.smart.policy.RecoverMode;
import org.smart.state.FlappingThresholds;
import org.smart.state.RestartLimit;

/**
 * The daemon settings one smart.yml service gives for itself; null where it keeps the host's value.
 * They are applied once host.conf and the settings section are known ({@link #over}).
 *
 * @param at               the service's field path, e.g. {@code services[2]}
 * @param flappingOrigin   where its {@code flapping} mapping is written, for messages
 * @param dependsOnOrigin  where its {@code depends_on} list is written, for messages
 */
record PolicyOverrides(String at, Duration interval, Duration retryInterval, Integer maxCheckAttempts,
                       RecoverMode recover, Boolean flappingEnabled, Double flappingLow, Double flappingHigh,
                       RestartLimit restartLimit, Duration restartDelay, Duration renotifyInterval,
                       List<String> dependsOn, Origin flappingOrigin, Origin dependsOnOrigin) {

    /**
     * {@code base} with these overrides applied; empty when the thresholds that result disagree
     * (low above high), which is reported to {@code problems}.
     */
    Optional<ServicePolicy> over(ServicePolicy base, List<ConfigProblem> problems) {
        double low = flappingLow == null ? base.flapping().low() : flappingLow;
        double high = flappingHigh == null ? base.flapping().high() : flappingHigh;
        if (low > high) {
            problems.add(new ConfigProblem(flappingOrigin, at + ".flapping", "low (" + low
                    + ") must not be greater than high (" + high + ")"));
            return Optional.empty();
        }
        return Optional.of(new ServicePolicy(
                or(interval, base.interval()),
                retryInterval == null ? base.retryInterval() : retryInterval,
                or(maxCheckAttempts, base.maxCheckAttempts()),
                or(recover, base.recover()),
                or(flappingEnabled, base.flappingEnabled()),
                new FlappingThresholds(low, high),
                or(restartLimit, base.restartLimit()),
                or(restartDelay, base.restartDelay()),
                or(renotifyInterval, base.renotifyInterval()),
                dependsOn == null ? List.of() : dependsOn));
    }

    private static <T> T or(T override, T base) {
        return override == null ? base : override;
    }
}
