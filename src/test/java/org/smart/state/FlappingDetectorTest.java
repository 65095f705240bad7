package org.smart.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smart.check.State;

class FlappingDetectorTest {

    private final FlappingDetector detector = FlappingDetector.withDefaults();

    /** Feeds the states in order and returns every update. */
    private static List<FlappingUpdate> feed(FlappingDetector detector, List<State> states) {
        List<FlappingUpdate> updates = new ArrayList<>();
        FlappingHistory history = FlappingHistory.EMPTY;
        for (State state : states) {
            FlappingUpdate update = detector.record(history, state);
            updates.add(update);
            history = update.history();
        }
        return updates;
    }

    private static FlappingUpdate last(List<FlappingUpdate> updates) {
        return updates.get(updates.size() - 1);
    }

    /** {@code stable} equal results (the window's oldest part), then {@code changes} alternating ones. */
    private static List<State> stableThenChanging(int stable, int changes) {
        List<State> states = new ArrayList<>();
        for (int i = 0; i < stable; i++) {
            states.add(State.OK);
        }
        for (int i = 0; i < changes; i++) {
            states.add(i % 2 == 0 ? State.DOWN : State.OK);
        }
        return states;
    }

    /** {@code changes} alternating results (the first counts as a change), then stable ones up to 20. */
    private static List<State> changingThenStable(int changes) {
        List<State> states = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            states.add(i % 2 == 0 ? State.OK : State.DOWN);
        }
        State lastState = states.get(states.size() - 1);
        while (states.size() < FlappingHistory.WINDOW) {
            states.add(lastState);
        }
        return states;
    }

    /** A history whose change bits sit at the given window slots (0 = oldest, 19 = newest). */
    private static FlappingHistory withChangesAt(boolean flapping, int... slots) {
        int bits = 0;
        for (int slot : slots) {
            bits |= 1 << (FlappingHistory.WINDOW - 1 - slot);
        }
        return new FlappingHistory(bits, State.OK, flapping);
    }

    @Test
    void changesInTheFiveNewestSlotsGive28Point5AndNoFlapping() {
        // 16 stable results push the first result (a change from unknown) out of the 20-slot window.
        FlappingUpdate update = last(feed(detector, stableThenChanging(16, 5)));

        assertThat(update.percent()).isEqualTo(28.5);
        assertThat(update.flapping()).isFalse();
    }

    @Test
    void changesInTheSixNewestSlotsGive33Point9AndFlapping() {
        FlappingUpdate update = last(feed(detector, stableThenChanging(16, 6)));

        assertThat(update.percent()).isEqualTo(33.9);
        assertThat(update.flapping()).isTrue();
        assertThat(update.transition()).isEqualTo(FlappingTransition.STARTED);
    }

    @Test
    void changesInTheSixOldestSlotsGive25Point5() {
        assertThat(last(feed(detector, changingThenStable(6))).percent()).isEqualTo(25.5);
        assertThat(withChangesAt(false, 0, 1, 2, 3, 4, 5).percent()).isEqualTo(25.5);
    }

    @Test
    void changesInTheSevenOldestSlotsGive30Point1AndFlapping() {
        assertThat(last(feed(detector, changingThenStable(7))).percent()).isEqualTo(30.1);

        // From a non-flapping history whose changes land in slots 0-6 once a stable result is added:
        FlappingHistory before = withChangesAt(false, 1, 2, 3, 4, 5, 6, 7);
        FlappingUpdate update = detector.record(before, State.OK);

        assertThat(update.history()).isEqualTo(withChangesAt(true, 0, 1, 2, 3, 4, 5, 6));
        assertThat(update.percent()).isEqualTo(30.1);
        assertThat(update.transition()).isEqualTo(FlappingTransition.STARTED);
    }

    @Test
    void theValueIsAtMost99Percent() {
        FlappingHistory all = withChangesAt(false, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                19);
        assertThat(all.percent()).isEqualTo(99.0);
        assertThat(FlappingHistory.EMPTY.percent()).isZero();
    }

    @Test
    void anAlternatingSequenceStartsFlappingAtItsSixthResult() {
        List<FlappingUpdate> updates = feed(detector, stableThenChanging(0, 12));

        for (int i = 0; i < 5; i++) {
            assertThat(updates.get(i).flapping()).as("result %d", i + 1).isFalse();
            assertThat(updates.get(i).transition()).isEqualTo(FlappingTransition.NONE);
        }
        assertThat(updates.get(4).percent()).isEqualTo(28.5);
        assertThat(updates.get(5).transition()).isEqualTo(FlappingTransition.STARTED);
        assertThat(updates.get(5).percent()).isEqualTo(33.9);
        assertThat(updates.subList(6, 12)).allSatisfy(u -> {
            assertThat(u.flapping()).isTrue();
            assertThat(u.transition()).isEqualTo(FlappingTransition.NONE);
        });
    }

    @Test
    void flappingEndsOnceWhenTheValueFallsToTheLowThreshold() {
        List<State> states = stableThenChanging(0, 10);
        for (int i = 0; i < 20; i++) {
            states.add(State.OK);
        }
        List<FlappingUpdate> updates = feed(detector, states);

        List<Integer> ended = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            if (updates.get(i).transition() == FlappingTransition.ENDED) {
                ended.add(i);
            }
        }
        assertThat(ended).hasSize(1);
        int end = ended.get(0);
        assertThat(updates.get(end).percent()).isLessThanOrEqualTo(25.0);
        // Between the thresholds it kept flapping (hysteresis), so the value just before was above 25.
        assertThat(updates.get(end - 1).percent()).isGreaterThan(25.0).isLessThanOrEqualTo(30.0);
        assertThat(updates.get(updates.size() - 1).percent()).isZero();
    }

    /**
     * Edges of the hysteresis. Each row's slots are the changes before the new result; the new result
     * moves them one slot older and adds slot 19 if it differs from OK. Values: 30.0 = slots
     * {1,2,3,17,18,19} (41+42+43+57+58+59 = 300 units of 0.1 %), 25.0 = {0,6,7,18,19} (250).
     */
    @ParameterizedTest(name = "{3} % while flapping={2}: flapping {4}")
    @CsvSource({
        "'2 3 4 18 19',    DOWN, false, 30.0, false",
        "'1 2 3 4 5 6 7',  OK,   false, 30.1, true",
        "'1 7 8 19',       DOWN, true,  25.0, false",
        "'1 2 3 4 5 6',    OK,   true,  25.5, true",
    })
    void startsStrictlyAboveHighAndEndsAtOrBelowLow(String slots, State next, boolean wasFlapping, double percent,
            boolean expected) {
        int[] before = Arrays.stream(slots.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        FlappingUpdate update = detector.record(withChangesAt(wasFlapping, before), next);

        assertThat(update.percent()).isEqualTo(percent);
        assertThat(update.flapping()).isEqualTo(expected);
    }

    @Test
    void thresholdsAreConfigurable() {
        FlappingDetector sensitive = new FlappingDetector(new FlappingThresholds(10, 20), true);
        List<FlappingUpdate> updates = feed(sensitive, stableThenChanging(0, 6));

        // 3 newest changes = 17.4 %, 4 = 23.0 % > 20
        assertThat(updates.get(2).flapping()).isFalse();
        assertThat(updates.get(3).percent()).isEqualTo(23.0);
        assertThat(updates.get(3).transition()).isEqualTo(FlappingTransition.STARTED);
    }

    @Test
    void thresholdsAreValidated() {
        assertThatThrownBy(() -> new FlappingThresholds(40, 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low=40.0 high=30.0");
        assertThatThrownBy(() -> new FlappingThresholds(-1, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlappingThresholds(10, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void disabledDetectionKeepsTheHistoryButNeverFlaps() {
        FlappingDetector disabled = new FlappingDetector(FlappingThresholds.DEFAULT, false);
        List<FlappingUpdate> updates = feed(disabled, stableThenChanging(0, 12));

        assertThat(updates).allSatisfy(u -> {
            assertThat(u.flapping()).isFalse();
            assertThat(u.transition()).isEqualTo(FlappingTransition.NONE);
        });
        assertThat(last(updates).percent()).isGreaterThan(30.0);
    }

    @Test
    void disablingWhileFlappingEndsTheFlapping() {
        FlappingHistory flapping = last(feed(detector, stableThenChanging(0, 8))).history();
        assertThat(flapping.flapping()).isTrue();

        FlappingUpdate update = new FlappingDetector(FlappingThresholds.DEFAULT, false).record(flapping, State.OK);

        assertThat(update.transition()).isEqualTo(FlappingTransition.ENDED);
        assertThat(update.flapping()).isFalse();
    }

    @Test
    void theFirstResultCountsAsAChange() {
        FlappingUpdate first = detector.record(FlappingHistory.EMPTY, State.OK);

        assertThat(first.percent()).isEqualTo(5.9); // newest weight 1.18 of 20
        assertThat(detector.record(first.history(), State.OK).percent()).isEqualTo(5.8); // now one slot older
    }
}
