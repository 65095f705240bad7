package org.smart.state;

import java.util.Objects;
import org.smart.check.State;

/**
 * Icinga 2.8's flapping detection: a weighted share of state changes over the last 20 results,
 * with hysteresis between two thresholds. Stateless: the history is passed in and returned, so the
 * caller decides where it lives (memory, the state file).
 *
 * <p>Soft and hard results both count. While detection is disabled for a service the history is
 * still kept up to date (so enabling it later judges from real data), but the service is never
 * flapping; disabling it while flapping ends the flapping, so the "ended" notification is not lost.
 */
public final class FlappingDetector {

    private final FlappingThresholds thresholds;
    private final boolean enabled;

    public FlappingDetector(FlappingThresholds thresholds, boolean enabled) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.enabled = enabled;
    }

    /** Detection with Icinga's default thresholds, enabled. */
    public static FlappingDetector withDefaults() {
        return new FlappingDetector(FlappingThresholds.DEFAULT, true);
    }

    public FlappingThresholds thresholds() {
        return thresholds;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Records the state of one new check result and decides whether the service flaps now. */
    public FlappingUpdate record(FlappingHistory history, State result) {
        Objects.requireNonNull(result, "result");
        FlappingHistory shifted = history.shift(result);
        double percent = shifted.percent();
        boolean wasFlapping = history.flapping();
        boolean nowFlapping = enabled && (wasFlapping ? percent > thresholds.low() : percent > thresholds.high());
        return new FlappingUpdate(shifted.withFlapping(nowFlapping), percent, transition(wasFlapping, nowFlapping));
    }

    private static FlappingTransition transition(boolean wasFlapping, boolean nowFlapping) {
        if (wasFlapping == nowFlapping) {
            return FlappingTransition.NONE;
        }
        return nowFlapping ? FlappingTransition.STARTED : FlappingTransition.ENDED;
    }
}
