package org.smart.check;

import java.util.List;
import java.util.stream.Stream;

/**
 * The general state a status falls into. {@code UNREACHABLE} is never produced by a check itself: it
 * is given to a service whose parent (a service it depends on, or its remote host's connection) is
 * not OK, so the service cannot be judged or repaired on its own.
 */
public enum State {
    OK, WARN, DOWN, UNREACHABLE;

    /** Every state's name, in order: what a listing of all states (a metrics state set) shows. */
    public static final List<String> NAMES = Stream.of(values()).map(Enum::name).toList();

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
