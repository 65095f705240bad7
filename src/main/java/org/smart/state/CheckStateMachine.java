package org.smart.state;

import java.util.Objects;
import java.util.Optional;
import org.smart.check.State;

/**
 * Icinga's SOFT/HARD logic: a problem must be seen on {@code maxCheckAttempts} consecutive checks
 * before it is confirmed (HARD), notified about and repaired. With the default of 1 every problem
 * is HARD at once, which is the original SMART's behaviour.
 *
 * <p>UNREACHABLE (a parent is not OK) takes part like any problem state, but never calls for a
 * notification or a repair of its own: the parent is the one to notify about and repair.
 *
 * <p>A RECOVERY is called for whenever a HARD problem ends. Whoever sends notifications should send
 * it only if the problem itself was notified (it may have been suppressed by flapping, or the
 * service may only ever have been UNREACHABLE).
 */
public final class CheckStateMachine {

    public static final int DEFAULT_MAX_CHECK_ATTEMPTS = 1;

    private final int maxCheckAttempts;

    public CheckStateMachine(int maxCheckAttempts) {
        if (maxCheckAttempts < 1) {
            throw new IllegalArgumentException("MAX_CHECK_ATTEMPTS must be at least 1, not " + maxCheckAttempts);
        }
        this.maxCheckAttempts = maxCheckAttempts;
    }

    public int maxCheckAttempts() {
        return maxCheckAttempts;
    }

    /** Applies one check result to {@code before}. */
    public StateChange apply(CheckState before, State result) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(result, "result");
        if (result == State.OK) {
            return recovery(before);
        }
        if (before.hardProblem()) {
            // A confirmed problem that changes kind (WARN -> DOWN) stays confirmed: a new hard state.
            CheckState after = new CheckState(result, StateType.HARD, before.attempt(), result);
            return hard(before, after, before.state() != result);
        }
        int attempt = before.problem() ? before.attempt() + 1 : 1;
        if (attempt >= maxCheckAttempts) {
            return hard(before, new CheckState(result, StateType.HARD, maxCheckAttempts, result), true);
        }
        CheckState after = new CheckState(result, StateType.SOFT, attempt, before.lastHardState());
        return new StateChange(before, after, false, before.state() != result, Optional.empty(), false, true);
    }

    private static StateChange recovery(CheckState before) {
        CheckState after = new CheckState(State.OK, StateType.HARD, 1, State.OK);
        if (!before.problem()) {
            return new StateChange(before, after, false, false, Optional.empty(), false, false);
        }
        if (before.type() == StateType.SOFT) {
            // Never confirmed, so nothing was notified: recover silently.
            return new StateChange(before, after, false, true, Optional.empty(), false, false);
        }
        return new StateChange(before, after, true, false, Optional.of(NotificationKind.RECOVERY), false, false);
    }

    private static StateChange hard(CheckState before, CheckState after, boolean changed) {
        boolean own = after.state() != State.UNREACHABLE;
        Optional<NotificationKind> notification =
                changed && own ? Optional.of(NotificationKind.PROBLEM) : Optional.empty();
        return new StateChange(before, after, changed, false, notification, own, false);
    }
}
