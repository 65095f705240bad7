package org.smart.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that a test moves by hand; the one clock every time-dependent test uses. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public MutableClock() {
        this(Instant.parse("2024-03-01T12:00:00Z"));
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    public void advanceSeconds(double seconds) {
        advance(Duration.ofMillis((long) (seconds * 1000)));
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
