package org.smart.daemon;

import java.util.Objects;
import org.smart.action.RestartOutcome;
import org.smart.check.ServiceCheck;
import org.smart.model.ServiceSpec;
import org.smart.state.ServiceRuntimeState;

/**
 * Something about one service that the operators are told: one notification each.
 *
 * @param kind      what happened
 * @param spec      the service
 * @param state     its state after the event
 * @param check     the latest check of it, or null before the first one
 * @param blockedBy the parent that is not OK, or null
 * @param restart   what a restart did, for {@link Kind#RESTARTED}; otherwise null
 * @param note      extra words for the operator (why a restart failed to run, for instance), or empty
 */
record ServiceEvent(Kind kind, ServiceSpec spec, ServiceRuntimeState state, ServiceCheck check, String blockedBy,
                    RestartOutcome restart, String note) {

    enum Kind {
        /** A HARD problem began (or changed kind). */
        PROBLEM,
        /** A HARD problem still lasts after RENOTIFY_INTERVAL. */
        REMINDER,
        /** A notified problem ended. */
        RECOVERY,
        FLAPPING_STARTED,
        FLAPPING_ENDED,
        /** The restart guard stopped restarting the service. */
        GIVEN_UP,
        /** The service was restarted (or a restart was tried), with the outcome. */
        RESTARTED
    }

    ServiceEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
        note = note == null ? "" : note;
    }

    String service() {
        return spec.name();
    }
}
