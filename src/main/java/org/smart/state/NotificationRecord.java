package org.smart.state;

import java.time.Instant;
import java.util.Objects;

/** The latest notification called for about a service, and when. */
public record NotificationRecord(NotificationKind kind, Instant at) {

    public NotificationRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
