package org.smart.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.time.Instant;

/**
 * Everything about one service that must survive a restart of the daemon, so that a restart does
 * not re-notify every open problem, forget flapping or hand out a fresh set of restarts.
 *
 * @param recentResults     the latest results, oldest first, at most {@value #MAX_RECENT_RESULTS}
 * @param flapping          flapping detection's change bits and flag
 * @param check             SOFT/HARD state, attempt and last hard state
 * @param restarts          the restarts the restart guard counts, and its given-up flag
 * @param lastNotification  the latest notification called for, or null
 * @param problemNotified   the current problem has been notified, so its end calls for a RECOVERY
 * @param checkCount        how many checks of this service have been recorded
 * @param lastCheck         when the latest check finished, or null
 * @param configFingerprint fingerprint of the service's configuration, to tell when it changed
 */
public record ServiceRuntimeState(
        List<RecentResult> recentResults,
        FlappingHistory flapping,
        CheckState check,
        RestartHistory restarts,
        NotificationRecord lastNotification,
        boolean problemNotified,
        long checkCount,
        Instant lastCheck,
        String configFingerprint) {

    public static final int MAX_RECENT_RESULTS = FlappingHistory.WINDOW;

    public ServiceRuntimeState {
        recentResults = recentResults == null ? List.of() : List.copyOf(recentResults);
        if (recentResults.size() > MAX_RECENT_RESULTS) {
            recentResults = recentResults.subList(recentResults.size() - MAX_RECENT_RESULTS, recentResults.size());
        }
        flapping = Objects.requireNonNullElse(flapping, FlappingHistory.EMPTY);
        check = Objects.requireNonNullElse(check, CheckState.INITIAL);
        restarts = Objects.requireNonNullElse(restarts, RestartHistory.EMPTY);
        configFingerprint = Objects.requireNonNullElse(configFingerprint, "");
    }

    /** A service never checked under the configuration with this fingerprint. */
    public static ServiceRuntimeState fresh(String configFingerprint) {
        return new ServiceRuntimeState(List.of(), FlappingHistory.EMPTY, CheckState.INITIAL, RestartHistory.EMPTY,
                null, false, 0, null, configFingerprint);
    }

    /** True when this state was recorded for the configuration with {@code fingerprint}. */
    public boolean sameConfig(String fingerprint) {
        return configFingerprint.equals(fingerprint);
    }

    ServiceRuntimeState withRestarts(RestartHistory history) {
        return new ServiceRuntimeState(recentResults, flapping, check, history, lastNotification, problemNotified,
                checkCount, lastCheck, configFingerprint);
    }

    ServiceRuntimeState withNotification(NotificationRecord notification) {
        return new ServiceRuntimeState(recentResults, flapping, check, restarts, notification, problemNotified,
                checkCount, lastCheck, configFingerprint);
    }

    static List<RecentResult> append(List<RecentResult> results, RecentResult result) {
        List<RecentResult> more = new ArrayList<>(results);
        more.add(result);
        return more; // the constructor trims to MAX_RECENT_RESULTS
    }
}
