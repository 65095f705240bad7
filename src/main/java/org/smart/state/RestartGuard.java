package org.smart.state;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps automatic repair from looping, by one rule: every automatic restart counts against
 * RESTART_LIMIT's N until the service has been OK for M consecutive checks after it (a stable run
 * clears the count, as Kubernetes clears its back-off); the restart that would be the N+1th is never
 * made: the service is given up instead, visibly and with one alert (never a silent unmonitor), until
 * {@link #reset()}. Between restarts a growing pause ({@link RestartBackoff}) is always honoured; a
 * pause is time, not a stable run, so it never clears the count, however many checks it spans.
 *
 * <p>Stateless: the {@link RestartHistory} is passed in and returned.
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
     * Counts one check result of the service: an OK one towards the M consecutive OK checks that clear
     * the count, any other starts that run again. A given-up service stays given up whatever it does.
     */
    public RestartHistory afterCheck(RestartHistory history, boolean ok) {
        if (history.givenUp() || history.counted() == 0) {
            return history;
        }
        if (!ok) {
            return history.okChecks() == 0 ? history : history.withOkChecks(0);
        }
        int okChecks = history.okChecks() + 1;
        return okChecks >= limit.checks() ? RestartHistory.EMPTY : history.withOkChecks(okChecks);
    }

    /**
     * Decides whether a service that needs repair may be restarted now, at its check number
     * {@code checkNumber} (kept with the restart, for the record). The pause after the latest restart
     * comes first: only once it has passed is the next restart due, and if that one would be the N+1th,
     * the guard gives up. A RESTART verdict already counts the restart in the returned history.
     */
    public RestartVerdict decide(RestartHistory history, long checkNumber) {
        if (history.givenUp()) {
            return new RestartVerdict(RestartVerdict.Decision.GIVEN_UP, null, history);
        }
        Instant now = clock.instant();
        RestartRecord latest = history.latest();
        if (latest != null) {
            Instant notBefore = latest.at().plus(backoff.delayAfter(history.counted()));
            if (now.isBefore(notBefore)) {
                return new RestartVerdict(RestartVerdict.Decision.WAIT, notBefore, history);
            }
        }
        if (history.counted() >= limit.restarts()) {
            return new RestartVerdict(RestartVerdict.Decision.GAVE_UP, null, history.givingUp(now));
        }
        return new RestartVerdict(RestartVerdict.Decision.RESTART, null,
                history.plus(new RestartRecord(checkNumber, now)));
    }

    /** The operator's reset: forget the restarts and the given-up state. */
    public RestartHistory reset() {
        return RestartHistory.EMPTY;
    }
}
