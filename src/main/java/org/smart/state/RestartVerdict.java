package org.smart.state;

import java.time.Instant;

/**
 * The restart guard's answer to "may this service be restarted now?".
 *
 * @param decision  what to do
 * @param notBefore with {@link Decision#WAIT}: the earliest time of the next attempt; otherwise null
 * @param history   the guard's state after the decision (persist it): a RESTART is already counted
 */
public record RestartVerdict(Decision decision, Instant notBefore, RestartHistory history) {

    public enum Decision {
        /** Restart now; the restart has been counted. */
        RESTART,
        /** The growing pause since the last restart has not passed; re-check at {@code notBefore}. */
        WAIT,
        /** The limit was reached just now: send the one "given up" alert. */
        GAVE_UP,
        /** Already given up earlier: do nothing and stay quiet until reset. */
        GIVEN_UP
    }

    public boolean restart() {
        return decision == Decision.RESTART;
    }
}
