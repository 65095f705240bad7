package org.smart.state;

import org.smart.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.smart.state.NotificationKind.FLAPPING_ENDED;
import static org.smart.state.NotificationKind.FLAPPING_STARTED;
import static org.smart.state.NotificationKind.GIVEN_UP;
import static org.smart.state.NotificationKind.PROBLEM;
import static org.smart.state.NotificationKind.RECOVERY;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.smart.check.State;
import org.smart.check.Status;

class ServiceStateTrackerTest {

    private final MutableClock clock = new MutableClock();
    private ServiceRuntimeState state = ServiceRuntimeState.fresh("fp");

    private ServiceStateTracker tracker(int maxAttempts) {
        return new ServiceStateTracker(new CheckStateMachine(maxAttempts), FlappingDetector.withDefaults(), clock);
    }

    private Assessment check(ServiceStateTracker tracker, Status status) {
        return check(tracker, new Observation(status.code(), status.state(), Optional.empty()));
    }

    private Assessment check(ServiceStateTracker tracker, Observation observation) {
        clock.advance(Duration.ofMinutes(1));
        Assessment assessment = tracker.assess(state, observation);
        state = assessment.next();
        return assessment;
    }

    @Test
    void aHardProblemIsNotifiedAndMayBeRepairedThenRecovers() {
        ServiceStateTracker tracker = tracker(1);

        assertThat(check(tracker, Status.OK).notifications()).isEmpty();
        Assessment down = check(tracker, Status.NOT_RESPONDING);
        assertThat(down.notifications()).containsExactly(PROBLEM);
        assertThat(down.mayRepair()).isTrue();
        assertThat(down.reportedState()).isEqualTo(State.DOWN);
        assertThat(state.lastNotification()).isEqualTo(new NotificationRecord(PROBLEM, clock.instant()));
        assertThat(state.problemNotified()).isTrue();

        assertThat(check(tracker, Status.NOT_RESPONDING).notifications()).as("no repeat").isEmpty();
        Assessment up = check(tracker, Status.PID_FILE_WRONG);
        assertThat(up.notifications()).containsExactly(RECOVERY);
        assertThat(up.mayRepair()).isFalse();
        assertThat(state.problemNotified()).isFalse();
    }

    @Test
    void aSoftProblemUsesTheRetryIntervalAndRecoversSilently() {
        ServiceStateTracker tracker = tracker(3);

        Assessment soft = check(tracker, Status.NOT_RUNNING);
        assertThat(soft.useRetryInterval()).isTrue();
        assertThat(soft.mayRepair()).isFalse();
        assertThat(soft.notifications()).isEmpty();

        Assessment recovered = check(tracker, Status.OK);
        assertThat(recovered.notifications()).isEmpty();
        assertThat(recovered.useRetryInterval()).isFalse();
        assertThat(state.lastNotification()).isNull();
    }

    @Test
    void whileFlappingProblemsAndRecoveriesAreSuppressedAndTheOutcomeIsNotifiedAfterwards() {
        ServiceStateTracker tracker = tracker(1);
        List<List<NotificationKind>> sent = new ArrayList<>();
        List<Boolean> repair = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Assessment a = check(tracker, i % 2 == 0 ? Status.OK : Status.NOT_RESPONDING);
            sent.add(a.notifications());
            repair.add(a.mayRepair());
        }
        assertThat(sent).containsExactly(List.of(), List.of(PROBLEM), List.of(RECOVERY), List.of(PROBLEM),
                List.of(RECOVERY), List.of(FLAPPING_STARTED));
        assertThat(repair).containsExactly(false, true, false, true, false, false);

        // It stays down; flapping ends once the changes age out, and the open problem is notified then.
        List<NotificationKind> later = new ArrayList<>();
        Assessment a;
        do {
            a = check(tracker, Status.NOT_RESPONDING);
            later.addAll(a.notifications());
            assertThat(a.mayRepair()).isEqualTo(!a.flapping().flapping());
        } while (a.flapping().flapping());
        assertThat(later).containsExactly(FLAPPING_ENDED, PROBLEM);
        assertThat(state.lastNotification().kind()).isEqualTo(PROBLEM);
    }

    @Test
    void anUnreachableServiceIsReportedButNeitherNotifiedNorRepaired() {
        ServiceStateTracker tracker = tracker(1);

        Assessment a = check(tracker, new Observation(Status.NOT_RESPONDING.code(), State.DOWN, Optional.of("db")));

        assertThat(a.reportedState()).isEqualTo(State.UNREACHABLE);
        assertThat(a.notifications()).isEmpty();
        assertThat(a.mayRepair()).isFalse();
        assertThat(state.recentResults()).extracting(RecentResult::state).containsExactly(State.UNREACHABLE);
        // It was never notified, so its recovery is not either.
        assertThat(check(tracker, Status.OK).notifications()).isEmpty();
    }

    @Test
    void aNotifiedProblemThatBecomesUnreachableStillRecoversVisibly() {
        ServiceStateTracker tracker = tracker(1);
        check(tracker, Status.NOT_RESPONDING);

        assertThat(check(tracker, new Observation(4, State.DOWN, Optional.of("db"))).notifications()).isEmpty();
        assertThat(check(tracker, Status.OK).notifications()).containsExactly(RECOVERY);
    }

    @Test
    void keepsCountsTimesAndABoundedListOfResults() {
        ServiceStateTracker tracker = tracker(1);
        for (int i = 0; i < 25; i++) {
            check(tracker, Status.OK);
        }

        assertThat(state.checkCount()).isEqualTo(25);
        assertThat(state.lastCheck()).isEqualTo(clock.instant());
        assertThat(state.recentResults()).hasSize(ServiceRuntimeState.MAX_RECENT_RESULTS);
        assertThat(state.recentResults().get(19).at()).isEqualTo(clock.instant());
        assertThat(state.configFingerprint()).isEqualTo("fp");
        assertThat(state.sameConfig("fp")).isTrue();
        assertThat(state.sameConfig("other")).isFalse();
    }

    @Test
    void theRestartGuardGivesUpOnceAndIsReset() {
        ServiceStateTracker tracker = tracker(1);
        RestartGuard guard = new RestartGuard(RestartLimit.parse("2/5"),
                new RestartBackoff(Duration.ZERO, Duration.ZERO), clock);
        List<RestartVerdict.Decision> decisions = new ArrayList<>();
        List<Optional<NotificationKind>> alerts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Assessment a = check(tracker, Status.NOT_RUNNING);
            assertThat(a.mayRepair()).isTrue();
            RepairDecision decision = tracker.requestRestart(state, guard);
            decisions.add(decision.verdict().decision());
            alerts.add(decision.notification());
            state = decision.next();
        }

        assertThat(decisions).containsExactly(RestartVerdict.Decision.RESTART, RestartVerdict.Decision.RESTART,
                RestartVerdict.Decision.GAVE_UP, RestartVerdict.Decision.GIVEN_UP);
        assertThat(alerts).containsExactly(Optional.empty(), Optional.empty(), Optional.of(GIVEN_UP),
                Optional.empty());
        assertThat(state.restarts().givenUp()).isTrue();
        assertThat(state.lastNotification().kind()).isEqualTo(GIVEN_UP);

        state = tracker.resetRestarts(state, guard);
        check(tracker, Status.NOT_RUNNING);
        assertThat(tracker.requestRestart(state, guard).restart()).isTrue();
    }
}
