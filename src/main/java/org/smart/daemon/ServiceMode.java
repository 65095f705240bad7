package org.smart.daemon;

import java.time.Instant;

/**
 * What an operator made of a service: whether the daemon monitors it, and whether it tells anyone about
 * it. Kept in {@code STATE_DIR/modes.json}, so it survives a restart of the daemon.
 *
 * @param monitoring    MONITORED, UNMONITORED (no checks, actions or notifications) or STOPPED (stopped by
 *                      the operator, and then like UNMONITORED until started)
 * @param silencedUntil until when it is checked and repaired but nobody is notified; null when not silenced
 * @param reason        why it was silenced, or null
 * @param by            the operator who last changed it
 */
public record ServiceMode(Monitoring monitoring, Instant silencedUntil, String reason, String by) {

    public enum Monitoring { MONITORED, UNMONITORED, STOPPED }

    public static final ServiceMode MONITORED = new ServiceMode(Monitoring.MONITORED, null, null, null);

    public ServiceMode {
        monitoring = monitoring == null ? Monitoring.MONITORED : monitoring;
    }

    public boolean monitored() {
        return monitoring == Monitoring.MONITORED;
    }

    public boolean silencedAt(Instant now) {
        return silencedUntil != null && now.isBefore(silencedUntil);
    }

    ServiceMode with(Monitoring next, String operator) {
        return new ServiceMode(next, silencedUntil, reason, operator);
    }

    ServiceMode silenced(Instant until, String why, String operator) {
        return new ServiceMode(monitoring, until, why, operator);
    }

    /** Monitored and not silenced (any more): nothing worth keeping. */
    boolean isDefaultAt(Instant now) {
        return monitored() && !silencedAt(now);
    }

    /** How {@code smart status} names it: monitored, unmonitored, stopped, silenced until T. */
    String describe(Instant now) {
        if (!monitored()) {
            return monitoring.name().toLowerCase(java.util.Locale.ROOT);
        }
        return silencedAt(now) ? "silenced until " + silencedUntil.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                : "monitored";
    }
}
