package org.smart.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Says whether a message is worth logging: the first time it is seen, and again once
 * {@code period} has passed. Remembers the last {@code remembered} messages.
 */
final class RepeatFilter {

    private final Duration period;
    private final Clock clock;
    private final Map<String, Instant> lastLogged;

    RepeatFilter(Duration period, int remembered, Clock clock) {
        this.period = period;
        this.clock = clock;
        this.lastLogged = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > remembered;
            }
        };
    }

    synchronized boolean shouldLog(String message) {
        Instant now = clock.instant();
        Instant last = lastLogged.get(message);
        if (last != null && now.isBefore(last.plus(period))) {
            return false;
        }
        lastLogged.put(message, now);
        return true;
    }
}
