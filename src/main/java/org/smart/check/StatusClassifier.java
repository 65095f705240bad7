package org.smart.check;

/**
 * The original SMART's status rules (SPEC section 3), and the plugin's WARNING: a pure function of the
 * three facts a check gathers.
 */
public final class StatusClassifier {

    private StatusClassifier() {
    }

    /**
     * @param probe          what the check script, plugin or port said
     * @param countInBounds  the process count lies within [min, max] (always true for a {@code 0;0} service)
     * @param pidFileCorrect the pid file is correct, or none is defined
     */
    public static Status classify(Responsiveness probe, boolean countInBounds, boolean pidFileCorrect) {
        if (probe == Responsiveness.NOT_RESPONDING) {
            return Status.NOT_RESPONDING;
        }
        if (!countInBounds) {
            return probe.answered() ? Status.DEGRADED : Status.NOT_RUNNING;
        }
        if (probe == Responsiveness.DEGRADED) {
            return Status.DEGRADED; // a plugin's WARNING outranks a wrong pid file (status 1, still OK)
        }
        return pidFileCorrect ? Status.OK : Status.PID_FILE_WRONG;
    }
}
