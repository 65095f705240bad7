package org.smart.check;

import java.time.Instant;
import org.smart.model.ServiceSpec;
import org.smart.process.PidFileCheck;
import org.smart.process.PidFileState;

/**
 * Everything one check of one service found; or, for a service that could not be checked because its
 * remote host cannot be reached, why not.
 *
 * @param spec           the service
 * @param status         the original's status 0-4; null when the service is unreachable
 * @param processCount   processes counted for it (0 for a {@code 0;0} service)
 * @param pidFile        what the pid file said
 * @param probe          what its check script or port said
 * @param checkedAt      when the check finished
 * @param unreachable    why the service could not be checked (its host is DOWN), or null when it was
 */
public record ServiceCheck(ServiceSpec spec, Status status, int processCount, PidFileCheck pidFile,
                           ProbeOutcome probe, Instant checkedAt, String unreachable) {

    public ServiceCheck {
        if ((status == null) == (unreachable == null)) {
            throw new IllegalArgumentException("a check has a status, or else says why the service is unreachable");
        }
    }

    public ServiceCheck(ServiceSpec spec, Status status, int processCount, PidFileCheck pidFile, ProbeOutcome probe,
                        Instant checkedAt) {
        this(spec, status, processCount, pidFile, probe, checkedAt, null);
    }

    /** A service whose host cannot be reached: not judged, not repaired, and not notified about on its own. */
    public static ServiceCheck unreachable(ServiceSpec spec, String because, Instant at) {
        return new ServiceCheck(spec, null, 0, new PidFileCheck(PidFileState.NOT_DEFINED, 0, "not checked: " + because),
                new ProbeOutcome(Responsiveness.NO_TOOL, because, null, -1, java.time.Duration.ZERO), at, because);
    }

    public boolean isUnreachable() {
        return unreachable != null;
    }

    public State state() {
        return isUnreachable() ? State.UNREACHABLE : status.state();
    }

    /** The status code 0-4 as text, {@code -} for an unreachable service. */
    public String statusText() {
        return isUnreachable() ? "-" : String.valueOf(status.code());
    }

    /** One line that says why the service has its status: the check's own words where it has some. */
    public String reason() {
        if (isUnreachable()) {
            return unreachable;
        }
        return switch (status) {
            case OK -> probe.summary().isEmpty() ? countText() : probe.summary();
            case PID_FILE_WRONG -> "pid file " + pidFile.detail();
            case DEGRADED -> degradedText();
            case NOT_RUNNING -> countText();
            case NOT_RESPONDING -> probe.summary();
        };
    }

    /** The plugin's own words for its WARNING; the count, and what the tool said, for an overloaded server. */
    private String degradedText() {
        boolean countOutOfBounds = spec.hasProcessTest() && !spec.processCountInBounds(processCount);
        if (!countOutOfBounds) {
            return probe.summary();
        }
        return countText() + "; " + (probe.responsiveness() == Responsiveness.DEGRADED ? "degraded: " : "responding: ")
                + probe.summary();
    }

    private String countText() {
        if (!spec.hasProcessTest()) {
            return "no process test";
        }
        String bounds = spec.minProcs() == spec.maxProcs()
                ? String.valueOf(spec.minProcs())
                : spec.minProcs() + "-" + spec.maxProcs();
        return processCount + " " + (processCount == 1 ? "process" : "processes")
                + " of '" + spec.processName() + "', expected " + bounds;
    }
}
