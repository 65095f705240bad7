package org.smart.check;

/** What the service's tool (check script or port) said, if it has one. */
public enum Responsiveness {
    RESPONDING,
    NOT_RESPONDING,
    /** Neither a check script nor a port: only the process count can tell. */
    NO_TOOL
}
