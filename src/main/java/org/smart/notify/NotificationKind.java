package org.smart.notify;

/**
 * What a notification is about. The one-shot run sends {@link #SERVICE_ACTION} and {@link #GENERAL};
 * the daemon adds the state-change kinds.
 */
public enum NotificationKind {
    /** A service was found in a bad state, and what was done about it. */
    SERVICE_ACTION,
    /** One message about the run as a whole ({@code --all}, {@code --reboot}). */
    GENERAL,
    /** A service entered a hard problem state. */
    PROBLEM,
    /** A service is OK again after a problem. */
    RECOVERY,
    FLAPPING_START,
    FLAPPING_END,
    /** The restart guard stopped restarting a service. */
    GIVEN_UP,
    HOST_DOWN,
    HOST_UP
}
