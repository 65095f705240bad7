package org.smart.ssh;

import java.time.Instant;

/**
 * Whether a remote host's SSH connection works.
 *
 * @param availability UP, DOWN, or UNKNOWN before the first attempt
 * @param reason       why it is DOWN (or a short note for UP)
 * @param since        when the availability last changed
 */
public record HostState(Availability availability, String reason, Instant since) {

    public enum Availability { UNKNOWN, UP, DOWN }

    public boolean isUp() {
        return availability == Availability.UP;
    }

    @Override
    public String toString() {
        return availability + " since " + since + (reason == null ? "" : ": " + reason);
    }
}
