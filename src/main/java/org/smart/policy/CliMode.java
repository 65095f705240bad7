package org.smart.policy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.smart.check.State;

/** The one-shot run's action flag (at most one): none, {@code -w}, {@code -d}, {@code -wd}, {@code --all}, {@code --reboot}. */
public enum CliMode {
    /** No flag: check and display only. */
    CHECK_ONLY(EnumSet.noneOf(State.class)),
    /** {@code -w}: recover services in WARN. */
    W(EnumSet.of(State.WARN)),
    /** {@code -d}: recover services in DOWN. */
    D(EnumSet.of(State.DOWN)),
    /** {@code -wd}: recover services in WARN or DOWN. */
    WD(EnumSet.of(State.WARN, State.DOWN)),
    /** {@code --all}: restart every service, OK ones included. */
    ALL(EnumSet.of(State.OK, State.WARN, State.DOWN)),
    /** {@code --reboot}: reboot the system whatever the statuses; no per-service action. */
    REBOOT(EnumSet.noneOf(State.class));

    private final Set<State> restarted;

    CliMode(Set<State> restarted) {
        this.restarted = restarted;
    }

    /** The flag for the original's letters {@code w}, {@code d} or {@code wd}. */
    public static CliMode ofLetters(String letters) {
        Set<State> states = RecoveryLetters.parse(letters);
        for (CliMode mode : List.of(W, D, WD)) {
            if (mode.restarted.equals(states)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("recovery flag must be w, d or wd, not '" + letters + "'");
    }

    /** Whether a service in {@code state} is restarted with this flag. */
    public boolean restarts(State state) {
        return restarted.contains(state);
    }

    /** {@code --all} and {@code --reboot} also send one general notification about the action. */
    public boolean sendsGeneralNotification() {
        return this == ALL || this == REBOOT;
    }
}
