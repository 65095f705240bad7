package org.smart.state;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Keeps automatic repair from looping: at most N restarts within the last M checks of a service,
 * with a growing pause between them. When a further restart would break the limit the service is
 * given up, which is visible and alerted once (never a silent unmonitor) and lasts until
 * {@link #reset()}. Stateless: the {@link RestartHistory} is passed in and returned.
 */
public final class RestartGuard {

    private final RestartLimit limit;
    private final RestartBackoff backoff;
    private final Clock clock;

    public RestartGuard(RestartLimit limit, RestartBackoff backoff, Clock clock) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RestartLimit limit() {
        return limit;
    }

    /**
     * Decides whether a service that needs repair may be restarted at its check number
     * {@code checkNumber} (its check count including the current check, so consecutive checks have
     * consecutive numbers). A RESTART verdict already counts the restart in the returned history.
     */
    public RestartVerdict decide(RestartHistory history, long checkNumber) {
        if (history.givenUp()) {
            return new RestartVerdict(RestartVerdict.Decision.GIVEN_UP, null, history);
        }
        Instant now = clock.instant();
        List<RestartRecord> inWindow = history.since(checkNumber - limit.checks() + 1);
        RestartHistory current = history.keepOnly(inWindow);
        if (inWindow.size() >= limit.restarts()) {
            return new RestartVerdict(RestartVerdict.Decision.GAVE_UP, null, current.givingUp(now));
        }
        if (!inWindow.isEmpty()) {
            Instant notBefore = inWindow.get(inWindow.size() - 1).at().plus(backoff.delayAfter(inWindow.size()));
            if (now.isBefore(notBefore)) {
                return new RestartVerdict(RestartVerdict.Decision.WAIT, notBefore, current);
            }
        }
        return new RestartVerdict(RestartVerdict.Decision.RESTART, null,
                current.plus(new RestartRecord(checkNumber, now)));
    }

    /** The operator's reset: forget the restarts and the given-up state. */
    public RestartHistory reset() {
        return RestartHistory.EMPTY;
    }
}
