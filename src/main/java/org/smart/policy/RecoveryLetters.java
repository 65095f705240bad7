package org.smart.policy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.smart.check.State;

/**
 * The original's letters for "which states to recover": {@code w} = WARN, {@code d} = DOWN,
 * {@code wd} (or {@code dw}) = both. Shared by the one-shot flags and the daemon's RECOVER setting.
 */
final class RecoveryLetters {

    private RecoveryLetters() {
    }

    /** The states named by {@code letters}, or an empty set when they are not a valid combination. */
    static Set<State> parse(String letters) {
        String text = letters.trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "w" -> EnumSet.of(State.WARN);
            case "d" -> EnumSet.of(State.DOWN);
            case "wd", "dw" -> EnumSet.of(State.WARN, State.DOWN);
            default -> EnumSet.noneOf(State.class);
        };
    }
}
