package org.smart.daemon;

import java.util.List;
import org.smart.state.FlappingHistory;
import org.smart.state.NotificationRecord;
import org.smart.state.RecentResult;
import org.smart.state.RestartHistory;
import org.smart.state.ServiceRuntimeState;

/** The changes the daemon makes to a service's kept state outside a check result. */
final class RuntimeStates {

    private RuntimeStates() {
    }

    /**
     * The state of a service whose configuration changed: its results, flapping history and SOFT/HARD
     * state stay, its restart guard starts afresh (a given-up service is managed again).
     */
    static ServiceRuntimeState rebased(ServiceRuntimeState s, String fingerprint) {
        return new ServiceRuntimeState(s.recentResults(), s.flapping(), s.check(), RestartHistory.EMPTY,
                s.lastNotification(), s.problemNotified(), s.checkCount(), s.lastCheck(), fingerprint);
    }

    /** The operator's {@code smart reset}: no restarts counted, not given up. */
    static ServiceRuntimeState withoutRestarts(ServiceRuntimeState s) {
        return rebased(s, s.configFingerprint());
    }

    /**
     * The operator's {@code smart reset}: no flapping history. The latest state stays, so that the next result
     * is compared with it and not counted as a change.
     */
    static ServiceRuntimeState withoutFlapping(ServiceRuntimeState s) {
        return new ServiceRuntimeState(s.recentResults(), new FlappingHistory(0, s.flapping().lastState(), false),
                s.check(), s.restarts(), s.lastNotification(), s.problemNotified(), s.checkCount(), s.lastCheck(),
                s.configFingerprint());
    }

    static ServiceRuntimeState withNotification(ServiceRuntimeState s, NotificationRecord notification) {
        return new ServiceRuntimeState(s.recentResults(), s.flapping(), s.check(), s.restarts(), notification,
                s.problemNotified(), s.checkCount(), s.lastCheck(), s.configFingerprint());
    }

    /** The status code of the latest result, or null before the first one or when it was not checked. */
    static Integer lastStatus(ServiceRuntimeState s) {
        List<RecentResult> results = s.recentResults();
        int last = results.isEmpty() ? Supervisor.NOT_CHECKED : results.get(results.size() - 1).status();
        return last == Supervisor.NOT_CHECKED ? null : last;
    }
}
