package org.smart.policy;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.smart.check.State;

/**
 * The daemon's RECOVER setting: which confirmed problems it repairs by itself, in the one-shot
 * flags' letters. Notifications do not depend on it: the daemon notifies every HARD problem.
 */
public enum RecoverMode {
    NONE(EnumSet.noneOf(State.class)),
    W(EnumSet.of(State.WARN)),
    D(EnumSet.of(State.DOWN)),
    WD(EnumSet.of(State.WARN, State.DOWN));

    /** Like the cron job the original was run as: {@code smart -d}. */
    public static final RecoverMode DEFAULT = D;

    private final Set<State> restarted;

    RecoverMode(Set<State> restarted) {
        this.restarted = restarted;
    }

    /**
     * Parses {@code d}, {@code w}, {@code wd} (or {@code dw}) or {@code none}, ignoring case.
     *
     * @throws IllegalArgumentException quoting the value
     */
    public static RecoverMode parse(String text) {
        if (text != null && text.trim().toLowerCase(Locale.ROOT).equals("none")) {
            return NONE;
        }
        Set<State> states = text == null ? Set.of() : RecoveryLetters.parse(text);
        for (RecoverMode mode : List.of(W, D, WD)) {
            if (mode.restarted.equals(states)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("RECOVER must be d, w, wd or none, not '" + text + "'");
    }

    /** Whether a confirmed problem in {@code state} is repaired; a service without a start command never is. */
    public boolean restarts(State state, boolean restartable) {
        return restartable && restarted.contains(state);
    }
}
