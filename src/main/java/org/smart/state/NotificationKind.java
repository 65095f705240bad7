package org.smart.state;

/** The kinds of notification the daemon sends about one service. */
public enum NotificationKind {
    PROBLEM, RECOVERY, FLAPPING_STARTED, FLAPPING_ENDED, GIVEN_UP
}
