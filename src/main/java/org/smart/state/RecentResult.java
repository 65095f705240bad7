package org.smart.state;

import java.time.Instant;
import java.util.Objects;
import org.smart.check.State;

/**
 * One remembered check result.
 *
 * @param at     when the check finished
 * @param status the check's status code (0-4 for a local service, the Nagios code for a plugin)
 * @param state  the state reported for it (UNREACHABLE when a parent was not OK)
 */
public record RecentResult(Instant at, int status, State state) {

    public RecentResult {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
    }
}
