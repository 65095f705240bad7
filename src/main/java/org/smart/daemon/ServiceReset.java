package org.smart.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.smart.state.ServiceRuntimeState;
import org.smart.state.StateStore;

/**
 * {@code smart reset NAME} when no daemon runs: clears a service's restart guard, given-up state included,
 * and its flapping history in the saved state, under the daemon's lock so that no daemon starts meanwhile.
 * (A running daemon is asked through its control socket instead.)
 */
public final class ServiceReset {

    /** What to tell the operator, and the exit status. */
    public record Result(int exitCode, String message) {
    }

    private ServiceReset() {
    }

    /**
     * @param configured the services of the configuration, to tell a typo from a service without state
     */
    public static Result reset(Path stateDir, String service, Set<String> configured) throws IOException {
        OptionalLong daemon = DaemonLock.holder(stateDir);
        if (daemon.isPresent()) {
            // never behind a running daemon's back: it would save its own view over this one
            return new Result(1, "a SMART daemon" + (daemon.getAsLong() > 0 ? " (pid " + daemon.getAsLong() + ")" : "")
                    + " runs on " + stateDir + " but does not answer on its control socket; see its log");
        }
        Optional<DaemonLock> lock = DaemonLock.tryAcquire(stateDir);
        if (lock.isEmpty()) {
            return new Result(1, "a SMART daemon is starting on " + stateDir + "; run 'smart reset " + service
                    + "' again in a moment");
        }
        try (DaemonLock held = lock.get()) {
            StateStore store = new StateStore(stateDir);
            Map<String, ServiceRuntimeState> states = store.load();
            ServiceRuntimeState state = states.get(service);
            if (state == null) {
                return unknown(service, configured, stateDir);
            }
            states.put(service, RuntimeStates.withoutFlapping(RuntimeStates.withoutRestarts(state)));
            store.save(states);
            return new Result(0, service + ": reset" + (state.restarts().givenUp() ? " (it was given up)" : "")
                    + (state.flapping().flapping() ? " (it was flapping)" : "")
                    + ": restart count and flapping history cleared; no daemon is running, the daemon will restart it"
                    + " again when needed");
        }
    }

    private static Result unknown(String service, Set<String> configured, Path stateDir) {
        if (configured.contains(service)) {
            return new Result(0, service + ": nothing to reset, no daemon has kept state for it in " + stateDir);
        }
        return new Result(3, "unknown service '" + service + "': not in the configuration nor in " + stateDir);
    }
}
