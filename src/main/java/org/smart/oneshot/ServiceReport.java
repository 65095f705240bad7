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
 */
public record ServiceReport(ServiceCheck before, Set<Action> actions, List<String> planned, RestartOutcome restart) {

    public ServiceReport {
        actions = Set.copyOf(actions);
        planned = List.copyOf(planned);
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
