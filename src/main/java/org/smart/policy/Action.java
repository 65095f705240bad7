package org.smart.policy;

/** What SMART does about one service after checking it. */
public enum Action {
    RESTART, NOTIFY
}
