package org.smart.state;

import org.smart.check.State;

/**
 * The persistent part of flapping detection for one service: which of the last
 * {@value #WINDOW} results were state changes, the state of the newest result, and whether the
 * service is currently considered flapping.
 *
 * <p>Bit 0 of {@code changeBits} is the newest result (weight 1.18), bit 19 the oldest (weight
 * 0.80). Weights are kept as integers in units of 0.02 ({@code 40 + i} for slot i, oldest i = 0)
 * so that the value is exact: {@code 100 · Σ 0.02·(40+i) / 20 = Σ (40+i) / 10}. This matters
 * because a value of exactly 30.0 must not count as "above 30".
 *
 * @param changeBits one bit per remembered result, 1 = that result changed the state
 * @param lastState  state of the newest recorded result, or null before the first result
 * @param flapping   whether the service is flapping (always false while detection is disabled)
 */
public record FlappingHistory(int changeBits, State lastState, boolean flapping) {

    /** How many results the detector remembers. */
    public static final int WINDOW = 20;

    private static final int WINDOW_MASK = (1 << WINDOW) - 1;

    /** A service never checked: no changes, no state, not flapping. */
    public static final FlappingHistory EMPTY = new FlappingHistory(0, null, false);

    public FlappingHistory {
        if ((changeBits & ~WINDOW_MASK) != 0) {
            throw new IllegalArgumentException("changeBits must fit in " + WINDOW + " bits, not " + changeBits);
        }
    }

    /**
     * The weighted share of state changes among the remembered results, 0 to 99 percent. The first
     * result ever counts as a change (from "unknown"), as in Icinga 2.
     */
    public double percent() {
        int units = 0;
        for (int age = 0; age < WINDOW; age++) {
            if ((changeBits & (1 << age)) != 0) {
                int slot = WINDOW - 1 - age; // 0 = oldest, 19 = newest
                units += 40 + slot;
            }
        }
        return units / 10.0;
    }

    /** This history with {@code result} appended as the newest slot; the oldest slot drops out. */
    FlappingHistory shift(State result) {
        boolean changed = lastState != result;
        int bits = ((changeBits << 1) | (changed ? 1 : 0)) & WINDOW_MASK;
        return new FlappingHistory(bits, result, flapping);
    }

    FlappingHistory withFlapping(boolean nowFlapping) {
        return new FlappingHistory(changeBits, lastState, nowFlapping);
    }
}
