package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.smart.testing.MutableClock;

class RepeatFilterTest {

    @Test
    void logsEachMessageOncePerPeriod() {
        MutableClock clock = new MutableClock();
        RepeatFilter filter = new RepeatFilter(Duration.ofHours(1), 10, clock);

        assertThat(filter.shouldLog("404 web01!a")).isTrue();
        assertThat(filter.shouldLog("404 web01!a")).isFalse();
        assertThat(filter.shouldLog("404 web01!b")).isTrue();
        clock.advance(Duration.ofMinutes(59));
        assertThat(filter.shouldLog("404 web01!a")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(filter.shouldLog("404 web01!a")).isTrue();
    }

    @Test
    void forgetsTheLeastRecentlySeenBeyondItsMemory() {
        RepeatFilter filter = new RepeatFilter(Duration.ofHours(1), 2, new MutableClock());
        filter.shouldLog("a");
        filter.shouldLog("b");
        filter.shouldLog("c");
        assertThat(filter.shouldLog("c")).isFalse();
        assertThat(filter.shouldLog("a")).as("forgotten, so logged again").isTrue();
    }
}
