package org.smart.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.smart.check.State;

class ActionPlannerTest {

    /** Every cell of the original's Table 1, for a service that has a start command. */
    static Stream<Arguments> table() {
        return Stream.of(
                cell(State.OK, CliMode.CHECK_ONLY),
                cell(State.OK, CliMode.W),
                cell(State.OK, CliMode.D),
                cell(State.OK, CliMode.WD),
                cell(State.OK, CliMode.ALL, Action.RESTART),
                cell(State.OK, CliMode.REBOOT),
                cell(State.WARN, CliMode.CHECK_ONLY),
                cell(State.WARN, CliMode.W, Action.RESTART, Action.NOTIFY),
                cell(State.WARN, CliMode.D, Action.NOTIFY),
                cell(State.WARN, CliMode.WD, Action.RESTART, Action.NOTIFY),
                cell(State.WARN, CliMode.ALL, Action.RESTART, Action.NOTIFY),
                cell(State.WARN, CliMode.REBOOT),
                cell(State.DOWN, CliMode.CHECK_ONLY),
                cell(State.DOWN, CliMode.W),
                cell(State.DOWN, CliMode.D, Action.RESTART, Action.NOTIFY),
                cell(State.DOWN, CliMode.WD, Action.RESTART, Action.NOTIFY),
                cell(State.DOWN, CliMode.ALL, Action.RESTART, Action.NOTIFY),
                cell(State.DOWN, CliMode.REBOOT));
    }

    private static Arguments cell(State state, CliMode mode, Action... actions) {
        Set<Action> expected = EnumSet.noneOf(Action.class);
        expected.addAll(Arrays.asList(actions));
        return arguments(state, mode, expected);
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @MethodSource("table")
    void followsTheOriginalTable(State state, CliMode mode, Set<Action> expected) {
        assertThat(ActionPlanner.actionsFor(state, mode, true)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with {1}, no start command: {2} without RESTART")
    @MethodSource("table")
    void aServiceWithoutStartCommandIsNeverRestartedButStillNotified(State state, CliMode mode,
            Set<Action> withStartCommand) {
        Set<Action> expected = EnumSet.noneOf(Action.class);
        expected.addAll(withStartCommand);
        expected.remove(Action.RESTART);

        assertThat(ActionPlanner.actionsFor(state, mode, false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(CliMode.class)
    void anUnreachableServiceGetsNoActionInAnyMode(CliMode mode) {
        assertThat(ActionPlanner.actionsFor(State.UNREACHABLE, mode, true)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CliMode.class)
    void onlyAllAndRebootSendTheGeneralNotification(CliMode mode) {
        assertThat(mode.sendsGeneralNotification()).isEqualTo(mode == CliMode.ALL || mode == CliMode.REBOOT);
    }
}
