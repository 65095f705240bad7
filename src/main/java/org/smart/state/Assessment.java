package org.smart.state;

import java.util.List;
import org.smart.check.State;

/**
 * What the tracker concluded from one check result.
 *
 * @param next          the service's state to keep (persist it)
 * @param change        what happened in the SOFT/HARD state machine
 * @param flapping      what happened in flapping detection
 * @param notifications the notifications to send now, in order, after flapping and dependency
 *                      suppression
 * @param mayRepair     the service has a HARD problem of its own and is not flapping: ask the
 *                      recovery policy and then {@link ServiceStateTracker#requestRestart}
 */
public record Assessment(
        ServiceRuntimeState next,
        StateChange change,
        FlappingUpdate flapping,
        List<NotificationKind> notifications,
        boolean mayRepair) {

    public Assessment {
        notifications = List.copyOf(notifications);
    }

    public State reportedState() {
        return change.after().state();
    }

    /** Schedule the next check with RETRY_INTERVAL: the problem is not confirmed yet. */
    public boolean useRetryInterval() {
        return change.useRetryInterval();
    }
}
