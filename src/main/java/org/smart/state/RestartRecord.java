package org.smart.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One restart the guard allowed.
 *
 * @param checkNumber the service's check count when the restart was decided
 * @param at          when it was decided
 */
public record RestartRecord(long checkNumber, Instant at) {

    public RestartRecord {
        Objects.requireNonNull(at, "at");
    }
}
