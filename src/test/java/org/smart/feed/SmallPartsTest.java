package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void retryDelaysDoubleUpToTheCap() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(p.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delay(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(p.delay(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("longest retry delay PT1S is shorter than the first PT2S");
    }

    @Test
    void perfdataSplitsOutsideQuotes() {
        assertThat(Perfdata.split(" 'disk /var'=3GB;5;8;0;10  load1=0.5 'it''s'=1 ")).containsExactly(
                "'disk /var'=3GB;5;8;0;10", "load1=0.5", "'it''s'=1");
        assertThat(Perfdata.split("")).isEmpty();
    }

    @Test
    void apiTextKeepsLinesAndTabsOnly() {
        assertThat(ControlChars.cleanMultiline("a\r\nb\rc\nd\te\u0000f\u2028g"))
                .isEqualTo("a\nb\nc\nd\te\uFFFDf\uFFFDg");
    }
}
