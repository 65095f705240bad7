package org.smart.state;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.smart.check.State;

/**
 * The daemon's per-result decision for one service: SOFT/HARD state, flapping, dependency
 * suppression and which notifications are due, all on an immutable {@link ServiceRuntimeState}.
 *
 * <p>Notification rules (SPEC sections 6 and 8):
 * <ul>
 *   <li>while flapping, no PROBLEM or RECOVERY, only one FLAPPING_STARTED and one FLAPPING_ENDED;</li>
 *   <li>an UNREACHABLE service is not notified about (its parent is);</li>
 *   <li>a RECOVERY only follows a PROBLEM that was notified;</li>
 *   <li>a HARD problem whose notification was suppressed (flapping) is notified once flapping ends,
 *       and a suppressed recovery likewise, so the operator is never left with a stale picture.</li>
 * </ul>
 */
public final class ServiceStateTracker {

    private final CheckStateMachine machine;
    private final FlappingDetector flappingDetector;
    private final Clock clock;

    public ServiceStateTracker(CheckStateMachine machine, FlappingDetector flappingDetector, Clock clock) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.flappingDetector = Objects.requireNonNull(flappingDetector, "flappingDetector");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records one check result. */
    public Assessment assess(ServiceRuntimeState state, Observation observation) {
        Instant now = clock.instant();
        // Flapping follows the service's own results, so a flapping parent does not make its children flap.
        FlappingUpdate flapping = flappingDetector.record(state.flapping(), observation.state());
        StateChange change = machine.apply(state.check(), observation.reportedState());

        List<NotificationKind> notifications = new ArrayList<>();
        flappingNotification(flapping.transition()).ifPresent(notifications::add);
        boolean problemNotified = state.problemNotified();
        if (!flapping.flapping()) {
            Optional<NotificationKind> due = dueNotification(change, problemNotified);
            if (due.isPresent()) {
                notifications.add(due.get());
                problemNotified = due.get() == NotificationKind.PROBLEM;
            }
        }
        NotificationRecord last = notifications.isEmpty()
                ? state.lastNotification()
                : new NotificationRecord(notifications.get(notifications.size() - 1), now);
        ServiceRuntimeState next = new ServiceRuntimeState(
                ServiceRuntimeState.append(state.recentResults(),
                        new RecentResult(now, observation.status(), observation.reportedState())),
                flapping.history(), change.after(), state.restarts(), last, problemNotified,
                state.checkCount() + 1, now, state.configFingerprint());
        boolean mayRepair = change.recoveryAllowed() && !flapping.flapping();
        return new Assessment(next, change, flapping, notifications, mayRepair);
    }

    /**
     * Counts the result {@link #assess} just recorded with the restart guard: an OK result brings nearer
     * the stable run that clears the restarts counted, any other result starts that run again. Call it
     * after every {@link #assess}, with the state it returned.
     */
    public ServiceRuntimeState countForRestartGuard(ServiceRuntimeState state, RestartGuard guard) {
        List<RecentResult> results = state.recentResults();
        boolean ok = !results.isEmpty() && results.get(results.size() - 1).state() == State.OK;
        RestartHistory counted = guard.afterCheck(state.restarts(), ok);
        return counted.equals(state.restarts()) ? state : state.withRestarts(counted);
    }

    /**
     * Asks the restart guard whether a service that needs repair may be restarted now. Call it after
     * {@link #assess} with the state it returned, when {@link Assessment#mayRepair()} is true and the
     * recovery policy wants a restart.
     */
    public RepairDecision requestRestart(ServiceRuntimeState state, RestartGuard guard) {
        RestartVerdict verdict = guard.decide(state.restarts(), state.checkCount());
        ServiceRuntimeState next = state.withRestarts(verdict.history());
        if (verdict.decision() == RestartVerdict.Decision.GAVE_UP) {
            next = next.withNotification(new NotificationRecord(NotificationKind.GIVEN_UP, clock.instant()));
        }
        return new RepairDecision(verdict, next);
    }

    /** The operator's reset of a given-up service: restarts are allowed again. */
    public ServiceRuntimeState resetRestarts(ServiceRuntimeState state, RestartGuard guard) {
        return state.withRestarts(guard.reset());
    }

    private static Optional<NotificationKind> flappingNotification(FlappingTransition transition) {
        return switch (transition) {
            case STARTED -> Optional.of(NotificationKind.FLAPPING_STARTED);
            case ENDED -> Optional.of(NotificationKind.FLAPPING_ENDED);
            case NONE -> Optional.empty();
        };
    }

    /** Level-triggered, so a notification suppressed while flapping is still sent once it ends. */
    private static Optional<NotificationKind> dueNotification(StateChange change, boolean problemNotified) {
        CheckState after = change.after();
        if (after.hardProblem() && after.state() != State.UNREACHABLE) {
            boolean newProblem = !problemNotified || change.notification().isPresent();
            return newProblem ? Optional.of(NotificationKind.PROBLEM) : Optional.empty();
        }
        if (after.state() == State.OK && problemNotified) {
            return Optional.of(NotificationKind.RECOVERY);
        }
        return Optional.empty();
    }
}
