package org.smart.state;

import java.util.Objects;
import java.util.Optional;
import org.smart.check.State;

/**
 * One check result as the tracker needs it.
 *
 * @param status    the check's status code (kept in the recent results)
 * @param state     the state the check itself found
 * @param blockedBy the nearest parent that is not OK (see {@link DependencyGraph#unreachableBecause}),
 *                  empty when every parent is OK; when present the service counts as UNREACHABLE
 */
public record Observation(int status, State state, Optional<String> blockedBy) {

    public Observation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(blockedBy, "blockedBy");
    }

    public static Observation of(int status, State state) {
        return new Observation(status, state, Optional.empty());
    }

    /** The state to report and to feed the SOFT/HARD logic. */
    public State reportedState() {
        return blockedBy.isPresent() ? State.UNREACHABLE : state;
    }
}
