package org.smart.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The persistent part of the restart guard for one service.
 *
 * <p>A state saved before the guard counted OK checks (no {@code okChecks}) loads with 0: its restarts
 * count until the service has been OK for M checks in a row from then on, and a given-up service stays
 * given up. That errs on the side of fewer restarts, never more than N.
 *
 * @param restarts  the automatic restarts that count against RESTART_LIMIT's N, oldest first: those made
 *                  since the service was last OK for M consecutive checks after a restart
 * @param okChecks  consecutive OK checks since the latest of those restarts
 * @param givenUp   a restart beyond the limit was due: no more restarts until an operator resets the guard
 * @param givenUpAt when the guard gave up, or null
 */
public record RestartHistory(List<RestartRecord> restarts, int okChecks, boolean givenUp, Instant givenUpAt) {

    /** No restarts, not given up; also what a reset returns. */
    public static final RestartHistory EMPTY = new RestartHistory(List.of(), 0, false, null);

    public RestartHistory {
        restarts = restarts == null ? List.of() : List.copyOf(restarts);
        okChecks = Math.max(0, okChecks);
    }

    /** The restarts that count against the limit. */
    public int counted() {
        return restarts.size();
    }

    /** The latest restart that counts, or null. */
    RestartRecord latest() {
        return restarts.isEmpty() ? null : restarts.get(restarts.size() - 1);
    }

    /** A new restart, counted; the OK checks since the previous one no longer matter. */
    RestartHistory plus(RestartRecord restart) {
        List<RestartRecord> more = new ArrayList<>(restarts);
        more.add(restart);
        return new RestartHistory(more, 0, givenUp, givenUpAt);
    }

    RestartHistory withOkChecks(int count) {
        return new RestartHistory(restarts, count, givenUp, givenUpAt);
    }

    RestartHistory givingUp(Instant now) {
        return new RestartHistory(restarts, okChecks, true, now);
    }
}
