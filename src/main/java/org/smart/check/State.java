package org.smart.check;

/**
 * The general state a status falls into. {@code UNREACHABLE} is never produced by a check itself: it
 * is given to a service whose parent (a service it depends on, or its remote host's connection) is
 * not OK, so the service cannot be judged or repaired on its own.
 */
public enum State {
    OK, WARN, DOWN, UNREACHABLE;

    /** Nagios exit code for this state: OK 0, WARNING 1, CRITICAL 2, UNKNOWN 3. */
    public int nagiosCode() {
        return switch (this) {
            case OK -> 0;
            case WARN -> 1;
            case DOWN -> 2;
            case UNREACHABLE -> 3;
        };
    }
}
