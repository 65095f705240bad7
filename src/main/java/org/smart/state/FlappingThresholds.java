package org.smart.state;

/**
 * Hysteresis bounds of flapping detection, in percent. A service starts flapping when its flapping
 * value rises above {@code high} and stops only when it falls to {@code low} or below, so a value
 * hovering around one threshold does not toggle the state on every check.
 *
 * @param low  stop flapping at or below this value (Icinga's {@code flapping_threshold_low})
 * @param high start flapping above this value (Icinga's {@code flapping_threshold_high})
 */
public record FlappingThresholds(double low, double high) {

    /** Icinga 2's defaults: 25 % and 30 %. */
    public static final FlappingThresholds DEFAULT = new FlappingThresholds(25, 30);

    public FlappingThresholds {
        if (!(low >= 0 && high <= 100 && low <= high)) {
            throw new IllegalArgumentException(
                    "flapping thresholds must satisfy 0 <= low <= high <= 100, not low=" + low + " high=" + high);
        }
    }
}
