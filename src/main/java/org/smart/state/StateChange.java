package org.smart.state;

import java.util.Optional;
import org.smart.check.State;

/**
 * What one check result did in the SOFT/HARD state machine, and what it calls for.
 *
 * @param before           the state before the result
 * @param after            the state after the result (persist it)
 * @param hardStateChange  the confirmed state changed (a problem became HARD, a HARD problem changed
 *                         kind, or a HARD problem recovered)
 * @param softStateChange  the state changed without a confirmed change (entering a SOFT problem,
 *                         changing kind while SOFT, or a SOFT recovery)
 * @param notification     the notification this result calls for, before flapping and dependency
 *                         suppression
 * @param recoveryAllowed  the service may be repaired now (a HARD problem other than UNREACHABLE)
 * @param useRetryInterval schedule the next check with RETRY_INTERVAL (the problem is still SOFT)
 */
public record StateChange(
        CheckState before,
        CheckState after,
        boolean hardStateChange,
        boolean softStateChange,
        Optional<NotificationKind> notification,
        boolean recoveryAllowed,
        boolean useRetryInterval) {

    /** A problem that was HARD and is now OK: a "real" recovery. */
    public boolean hardRecovery() {
        return hardStateChange && after.state() == State.OK;
    }

    /** A problem that was still SOFT and is now OK: no notification. */
    public boolean softRecovery() {
        return softStateChange && after.state() == State.OK;
    }
}
