package org.smart.state;

import java.util.Objects;
import org.smart.check.State;

/**
 * Where a service stands in the SOFT/HARD state machine.
 *
 * @param state         state of the latest result
 * @param type          SOFT while a problem is being re-checked, otherwise HARD
 * @param attempt       how many consecutive checks have seen the current problem (1 when OK)
 * @param lastHardState the most recent confirmed state
 */
public record CheckState(State state, StateType type, int attempt, State lastHardState) {

    /** A service not yet checked is assumed OK, so a first problem result starts at attempt 1. */
    public static final CheckState INITIAL = new CheckState(State.OK, StateType.HARD, 1, State.OK);

    public CheckState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lastHardState, "lastHardState");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, not " + attempt);
        }
    }

    public boolean problem() {
        return state != State.OK;
    }

    /** A confirmed problem: the only kind that is notified about and acted on. */
    public boolean hardProblem() {
        return problem() && type == StateType.HARD;
    }
}
