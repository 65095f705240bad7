package org.smart.state;

import java.util.Optional;

/**
 * The restart guard's verdict for a service that needs repair.
 *
 * @param verdict the guard's decision
 * @param next    the service's state to keep (persist it)
 */
public record RepairDecision(RestartVerdict verdict, ServiceRuntimeState next) {

    public boolean restart() {
        return verdict.restart();
    }

    /** GIVEN_UP exactly once, when the guard gives up. */
    public Optional<NotificationKind> notification() {
        return verdict.decision() == RestartVerdict.Decision.GAVE_UP
                ? Optional.of(NotificationKind.GIVEN_UP)
                : Optional.empty();
    }
}
