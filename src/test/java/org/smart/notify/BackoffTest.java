package org.smart.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromThirtySecondsUpToAnHour() {
        Backoff b = Backoff.DEFAULT;

        assertThat(b.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.after(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(b.after(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(b.after(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(b.after(8)).isEqualTo(Duration.ofHours(1));
        assertThat(b.after(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void rejectsACapBelowTheFirstDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .hasMessageContaining("0 < first <= max");
    }
}
