package org.smart.check;

/**
 * The original SMART's status rules (SPEC section 3), and nothing else: a pure function of the
 * three facts a check gathers.
 */
public final class StatusClassifier {

    private StatusClassifier() {
    }

    /**
     * @param probe          what the check script or port said
     * @param countInBounds  the process count lies within [min, max] (always true for a {@code 0;0} service)
     * @param pidFileCorrect the pid file is correct, or none is defined
     */
    public static Status classify(Responsiveness probe, boolean countInBounds, boolean pidFileCorrect) {
        if (probe == Responsiveness.NOT_RESPONDING) {
            return Status.NOT_RESPONDING;
        }
        if (!countInBounds) {
            return probe == Responsiveness.RESPONDING ? Status.COUNT_OUT_OF_BOUNDS : Status.NOT_RUNNING;
        }
        return pidFileCorrect ? Status.OK : Status.PID_FILE_WRONG;
    }
}
