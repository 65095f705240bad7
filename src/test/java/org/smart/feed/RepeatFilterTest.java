package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RepeatFilterTest {

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void logsEachMessageOncePerPeriod() {
        StepClock clock = new StepClock();
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
        RepeatFilter filter = new RepeatFilter(Duration.ofHours(1), 2, new StepClock());
        filter.shouldLog("a");
        filter.shouldLog("b");
        filter.shouldLog("c");
        assertThat(filter.shouldLog("c")).isFalse();
        assertThat(filter.shouldLog("a")).as("forgotten, so logged again").isTrue();
    }
}
