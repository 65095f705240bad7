package org.smart.oneshot;

import java.util.List;
import java.util.Set;
import org.smart.action.RestartOutcome;
import org.smart.check.ServiceCheck;
import org.smart.check.State;
import org.smart.policy.Action;

/**
 * One service's line of a run: what the check found, what was decided, and where it ended up.
 *
 * @param before   the check before any action
 * @param actions  what the action table decided (restart, notify)
 * @param planned  for a dry run, the steps a restart would take; empty otherwise
 * @param restart  the restart's outcome, or null when none was done
 * @param busy     why this run left the service alone although it needed repair (who repairs it), or null
 */
public record ServiceReport(ServiceCheck before, Set<Action> actions, List<String> planned, RestartOutcome restart,
                            String busy) {

    public ServiceReport {
        actions = Set.copyOf(actions);
        planned = List.copyOf(planned);
    }

    public ServiceReport(ServiceCheck before, Set<Action> actions, List<String> planned, RestartOutcome restart) {
        this(before, actions, planned, restart, null);
    }

    /** A service another actor repairs: nothing done about it, and no notification (the actor sends its own). */
    public static ServiceReport busy(ServiceCheck before, String busy) {
        return new ServiceReport(before, Set.of(), List.of(), null, busy);
    }

    public boolean isBusy() {
        return busy != null;
    }

    public String name() {
        return before.spec().name();
    }

    /** The check that stands at the end of the run: the re-check after a restart, else the first check. */
    public ServiceCheck after() {
        return restart == null ? before : restart.after();
    }

    public State finalState() {
        return after().state();
    }

    public boolean restarted() {
        return restart != null;
    }
}
