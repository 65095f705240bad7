package org.smart.control;

import java.util.List;

/**
 * What a command did to one service.
 *
 * @param service the service
 * @param done    whether the command did what was asked (a restart: the service is OK again)
 * @param message one line for the operator
 * @param state   the service's state after the command (OK, WARN, DOWN, UNREACHABLE, PENDING), or null
 * @param status  the status code of the check it reports, or null
 * @param reason  why it has that state, in the check's words, or null
 * @param steps   the steps a restart, start or stop took
 */
public record ServiceOutcome(String service, boolean done, String message, String state, Integer status,
                             String reason, List<String> steps) {

    public ServiceOutcome {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public static ServiceOutcome done(String service, String message) {
        return new ServiceOutcome(service, true, message, null, null, null, List.of());
    }

    public static ServiceOutcome refused(String service, String message) {
        return new ServiceOutcome(service, false, message, null, null, null, List.of());
    }
}
