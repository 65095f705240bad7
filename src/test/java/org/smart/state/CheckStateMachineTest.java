package org.smart.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smart.check.State.DOWN;
import static org.smart.check.State.OK;
import static org.smart.check.State.UNREACHABLE;
import static org.smart.check.State.WARN;
import static org.smart.state.StateType.HARD;
import static org.smart.state.StateType.SOFT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.smart.check.State;

class CheckStateMachineTest {

    private static List<StateChange> run(int maxAttempts, State... results) {
        CheckStateMachine machine = new CheckStateMachine(maxAttempts);
        List<StateChange> changes = new ArrayList<>();
        CheckState state = CheckState.INITIAL;
        for (State result : results) {
            StateChange change = machine.apply(state, result);
            changes.add(change);
            state = change.after();
        }
        return changes;
    }

    @Test
    void withOneAttemptEveryProblemIsHardAtOnce() {
        List<StateChange> c = run(1, OK, DOWN, DOWN, OK);

        assertThat(c.get(0).hardStateChange()).isFalse();
        assertThat(c.get(0).notification()).isEmpty();

        StateChange down = c.get(1);
        assertThat(down.after()).isEqualTo(new CheckState(DOWN, HARD, 1, DOWN));
        assertThat(down.hardStateChange()).isTrue();
        assertThat(down.softStateChange()).isFalse();
        assertThat(down.notification()).contains(NotificationKind.PROBLEM);
        assertThat(down.recoveryAllowed()).isTrue();
        assertThat(down.useRetryInterval()).isFalse();

        StateChange stillDown = c.get(2);
        assertThat(stillDown.hardStateChange()).isFalse();
        assertThat(stillDown.notification()).isEmpty();
        assertThat(stillDown.recoveryAllowed()).as("a persisting HARD problem may still be repaired").isTrue();

        StateChange recovered = c.get(3);
        assertThat(recovered.after()).isEqualTo(new CheckState(OK, HARD, 1, OK));
        assertThat(recovered.hardRecovery()).isTrue();
        assertThat(recovered.notification()).contains(NotificationKind.RECOVERY);
        assertThat(recovered.recoveryAllowed()).isFalse();
    }

    @Test
    void withThreeAttemptsAProblemIsSoftUntilTheThirdCheck() {
        List<StateChange> c = run(3, WARN, WARN, WARN, WARN);

        assertThat(c.get(0).after()).isEqualTo(new CheckState(WARN, SOFT, 1, OK));
        assertThat(c.get(0).softStateChange()).isTrue();
        assertThat(c.get(1).after()).isEqualTo(new CheckState(WARN, SOFT, 2, OK));
        assertThat(c.get(1).softStateChange()).as("same state, only the attempt grew").isFalse();
        assertThat(c.subList(0, 2)).allSatisfy(soft -> {
            assertThat(soft.hardStateChange()).isFalse();
            assertThat(soft.notification()).isEmpty();
            assertThat(soft.recoveryAllowed()).isFalse();
            assertThat(soft.useRetryInterval()).isTrue();
        });

        StateChange hard = c.get(2);
        assertThat(hard.after()).isEqualTo(new CheckState(WARN, HARD, 3, WARN));
        assertThat(hard.hardStateChange()).isTrue();
        assertThat(hard.notification()).contains(NotificationKind.PROBLEM);
        assertThat(hard.recoveryAllowed()).isTrue();
        assertThat(hard.useRetryInterval()).isFalse();

        assertThat(c.get(3).after()).isEqualTo(new CheckState(WARN, HARD, 3, WARN));
        assertThat(c.get(3).hardStateChange()).isFalse();
        assertThat(c.get(3).notification()).isEmpty();
    }

    @Test
    void aChangeOfProblemWhileSoftKeepsCountingAttempts() {
        List<StateChange> c = run(3, WARN, DOWN, DOWN);

        assertThat(c.get(1).after()).isEqualTo(new CheckState(DOWN, SOFT, 2, OK));
        assertThat(c.get(1).softStateChange()).isTrue();
        assertThat(c.get(2).after()).isEqualTo(new CheckState(DOWN, HARD, 3, DOWN));
        assertThat(c.get(2).notification()).contains(NotificationKind.PROBLEM);
    }

    @Test
    void aChangeOfProblemWhileHardStaysHardAndIsNotifiedAgain() {
        List<StateChange> c = run(3, WARN, WARN, WARN, DOWN, DOWN);

        StateChange worse = c.get(3);
        assertThat(worse.after()).isEqualTo(new CheckState(DOWN, HARD, 3, DOWN));
        assertThat(worse.hardStateChange()).isTrue();
        assertThat(worse.notification()).contains(NotificationKind.PROBLEM);
        assertThat(worse.useRetryInterval()).isFalse();
        assertThat(c.get(4).notification()).isEmpty();
    }

    @Test
    void aSoftProblemRecoversSilently() {
        List<StateChange> c = run(3, DOWN, DOWN, OK);

        StateChange recovered = c.get(2);
        assertThat(recovered.after()).isEqualTo(new CheckState(OK, HARD, 1, OK));
        assertThat(recovered.softRecovery()).isTrue();
        assertThat(recovered.hardRecovery()).isFalse();
        assertThat(recovered.notification()).isEmpty();
        assertThat(recovered.useRetryInterval()).isFalse();
    }

    @Test
    void aHardProblemRecoversWithANotification() {
        StateChange recovered = run(3, DOWN, DOWN, DOWN, OK).get(3);

        assertThat(recovered.hardRecovery()).isTrue();
        assertThat(recovered.notification()).contains(NotificationKind.RECOVERY);
    }

    @Test
    void anOkResultAfterASoftProblemRestartsTheAttemptCount() {
        List<StateChange> c = run(3, DOWN, DOWN, OK, DOWN);

        assertThat(c.get(3).after()).isEqualTo(new CheckState(DOWN, SOFT, 1, OK));
    }

    @Test
    void unreachableIsAHardStateWithoutNotificationOrRepair() {
        List<StateChange> c = run(1, UNREACHABLE, DOWN);

        StateChange unreachable = c.get(0);
        assertThat(unreachable.after()).isEqualTo(new CheckState(UNREACHABLE, HARD, 1, UNREACHABLE));
        assertThat(unreachable.hardStateChange()).isTrue();
        assertThat(unreachable.notification()).isEmpty();
        assertThat(unreachable.recoveryAllowed()).isFalse();

        StateChange ownProblem = c.get(1);
        assertThat(ownProblem.hardStateChange()).isTrue();
        assertThat(ownProblem.notification()).isEqualTo(Optional.of(NotificationKind.PROBLEM));
        assertThat(ownProblem.recoveryAllowed()).isTrue();
    }

    @Test
    void maxCheckAttemptsMustBePositive() {
        assertThatThrownBy(() -> new CheckStateMachine(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MAX_CHECK_ATTEMPTS must be at least 1, not 0");
    }
}
