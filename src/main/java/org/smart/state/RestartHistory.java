package org.smart.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The persistent part of the restart guard for one service.
 *
 * @param restarts  the restarts still inside the window, oldest first
 * @param givenUp   the limit was reached: no more restarts until an operator resets the guard
 * @param givenUpAt when the guard gave up, or null
 */
public record RestartHistory(List<RestartRecord> restarts, boolean givenUp, Instant givenUpAt) {

    /** No restarts, not given up; also what a reset returns. */
    public static final RestartHistory EMPTY = new RestartHistory(List.of(), false, null);

    public RestartHistory {
        restarts = restarts == null ? List.of() : List.copyOf(restarts);
    }

    /** The restarts made after check {@code firstCheck} - 1, i.e. inside a window starting there. */
    List<RestartRecord> since(long firstCheck) {
        return restarts.stream().filter(r -> r.checkNumber() >= firstCheck).toList();
    }

    RestartHistory keepOnly(List<RestartRecord> inWindow) {
        return new RestartHistory(inWindow, givenUp, givenUpAt);
    }

    RestartHistory plus(RestartRecord restart) {
        List<RestartRecord> more = new ArrayList<>(restarts);
        more.add(restart);
        return new RestartHistory(more, givenUp, givenUpAt);
    }

    RestartHistory givingUp(Instant now) {
        return new RestartHistory(restarts, true, now);
    }
}
