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
}
