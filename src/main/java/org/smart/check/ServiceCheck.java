package org.smart.check;

import java.time.Instant;
import org.smart.model.ServiceSpec;
import org.smart.process.PidFileCheck;

/**
 * Everything one check of one service found.
 *
 * @param spec           the service
 * @param status         the original's status 0-4
 * @param processCount   processes counted for it (0 for a {@code 0;0} service)
 * @param pidFile        what the pid file said
 * @param probe          what its check script or port said
 * @param checkedAt      when the check finished
 */
public record ServiceCheck(ServiceSpec spec, Status status, int processCount, PidFileCheck pidFile,
                           ProbeOutcome probe, Instant checkedAt) {

    public State state() {
        return status.state();
    }

    /** One line that says why the service has its status: the check's own words where it has some. */
    public String reason() {
        return switch (status) {
            case OK -> probe.summary().isEmpty() ? countText() : probe.summary();
            case PID_FILE_WRONG -> "pid file " + pidFile.detail();
            case COUNT_OUT_OF_BOUNDS -> countText() + "; responding: " + probe.summary();
            case NOT_RUNNING -> countText();
            case NOT_RESPONDING -> probe.summary();
        };
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
