package org.smart.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"PT10S, 10 s", "PT1.5S, 1.5 s", "PT0.25S, 250 ms", "PT0S, 0 ms", "PT2M, 120 s", "PT1.001S, 1.001 s"})
    void wordsADuration(Duration duration, String text) {
        assertThat(DurationText.of(duration)).isEqualTo(text);
    }
}
