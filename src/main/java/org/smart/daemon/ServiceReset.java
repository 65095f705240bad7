package org.smart.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.smart.state.ServiceRuntimeState;
import org.smart.state.StateStore;

/**
 * {@code smart reset NAME}: clears a service's restart guard, given-up state included, so the daemon
 * repairs it again. With a daemon running the request goes through {@link ResetRequests} and is
 * answered once the daemon has acted on it and saved; with none, the saved state is changed
 * directly, under the daemon's lock so that no daemon starts meanwhile.
 */
public final class ServiceReset {

    /** What to tell the operator, and the exit status. */
    public record Result(int exitCode, String message) {
    }

    private ServiceReset() {
    }

    /**
     * @param configured the services of the configuration, to tell a typo from a service without state
     * @param wait       how long to wait for a running daemon to act
     */
    public static Result reset(Path stateDir, String service, Set<String> configured, Duration wait)
            throws IOException, InterruptedException {
        OptionalLong daemon = DaemonLock.holder(stateDir);
        if (daemon.isPresent()) {
            return viaDaemon(stateDir, service, configured, daemon.getAsLong(), wait);
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
            states.put(service, RuntimeStates.withoutRestarts(state));
            store.save(states);
            return new Result(0, service + ": reset" + (state.restarts().givenUp() ? " (it was given up)" : "")
                    + "; no daemon is running, the daemon will restart it again when needed");
        }
    }

    private static Result viaDaemon(Path stateDir, String service, Set<String> configured, long pid, Duration wait)
            throws IOException, InterruptedException {
        Map<String, ServiceRuntimeState> states = new StateStore(stateDir).read();
        ServiceRuntimeState state = states.get(service);
        if (state == null) {
            return configured.contains(service)
                    ? new Result(3, "the daemon (pid " + pid + ") does not monitor '" + service
                            + "' yet; reload it first (systemctl reload smart, or kill -HUP " + pid + ")")
                    : unknown(service, configured, stateDir);
        }
        Path request = new ResetRequests(stateDir).submit(service);
        if (!ResetRequests.awaitTaken(request, wait)) {
            return new Result(1, "the daemon (pid " + pid + ") has not taken the request within " + wait.toSeconds()
                    + " s; it waits in " + request + " and is acted on when the daemon gets to it");
        }
        return new Result(0, service + ": reset" + (state.restarts().givenUp() ? " (it was given up)" : "")
                + "; the daemon (pid " + pid + ") restarts it again when needed");
    }

    private static Result unknown(String service, Set<String> configured, Path stateDir) {
        if (configured.contains(service)) {
            return new Result(0, service + ": nothing to reset, no daemon has kept state for it in " + stateDir);
        }
        return new Result(3, "unknown service '" + service + "': not in the configuration nor in " + stateDir);
    }
}
