package org.smart.exec;

import java.math.BigDecimal;
import java.time.Duration;

/** Short human wording of a duration for messages: {@code 10 s}, {@code 1.5 s}, {@code 250 ms}. */
public final class DurationText {

    private DurationText() {
    }

    public static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** A process's uptime as a table shows it: {@code 45s}, {@code 12m}, {@code 3h04m}, {@code 2d03h}. */
    public static String compact(Duration duration) {
        long s = duration.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86400) {
            return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd%02dh", s / 86400, s % 86400 / 3600);
    }
}
