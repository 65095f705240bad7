package org.smart.daemon;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.state.ServiceRuntimeState;
import org.smart.state.StateStore;

/**
 * Saves the supervisor's state when it changed: within about a second when something notable
 * changed (a state, flapping, a restart, a notification), within {@link #ROUTINE_SPACING} when only
 * counts and recent results moved on. A crash thus loses at most a second of what matters. Only the
 * services whose state changed since the last save are written, to the store's journal; the whole
 * state is written at the start, on request, when the journal has grown large and after a failed
 * write, so a daemon checking a thousand services ten times a second writes kilobytes, not its whole
 * state, every few seconds. A save that takes long spaces the next ones further apart (at least ten
 * times its duration); the first save is not taken as a measure, it pays for loading the JSON machinery.
 */
final class StateKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(StateKeeper.class);
    private static final Duration NOTABLE_SPACING = Duration.ofSeconds(1);
    static final Duration ROUTINE_SPACING = Duration.ofSeconds(5);
    /** How often a daemon that cannot save says so again, so that no one misses it in a long log. */
    static final Duration FAILURE_REMINDER = Duration.ofMinutes(10);

    private final StateStore store;
    private final Supervisor supervisor;
    private final Supplier<LiveView> view;
    private final Clock clock;
    private Instant lastSave = Instant.MIN;
    private Duration slowness = Duration.ZERO;
    private Supervisor.Unsaved pending = Supervisor.Unsaved.NOTHING;
    private boolean failing;
    private Instant lastFailureLogged = Instant.MIN;
    private boolean warm;
    /** What the store holds, by identity: the supervisor replaces a service's state whenever it changes. */
    private Map<String, ServiceRuntimeState> written = Map.of();
    private boolean wholeStateDue = true;

    StateKeeper(StateStore store, Supervisor supervisor, Supplier<LiveView> view, Clock clock) {
        this.store = store;
        this.supervisor = supervisor;
        this.view = view;
        this.clock = clock;
    }

    /** Saves if anything changed and the last save is long enough ago for what changed. */
    synchronized void saveIfDue() {
        Supervisor.Unsaved now = supervisor.takeUnsaved();
        if (now.compareTo(pending) > 0) {
            pending = now;
        }
        if (pending == Supervisor.Unsaved.NOTHING) {
            return;
        }
        Duration spacing = pending == Supervisor.Unsaved.NOTABLE ? NOTABLE_SPACING : ROUTINE_SPACING;
        if (slowness.compareTo(spacing) > 0) {
            spacing = slowness;
        }
        // a little early, so a save due "every second" is not pushed to every 1.5 s by the 0.5 s tick
        if (clock.instant().isBefore(lastSave.plus(spacing).minusMillis(100))) {
            return;
        }
        save();
    }

    /** Saves now, changed or not (start, shutdown, an operator's request). */
    synchronized void saveNow() {
        supervisor.takeUnsaved();
        wholeStateDue = true;
        save();
    }

    private void save() {
        long begun = System.nanoTime();
        pending = Supervisor.Unsaved.NOTHING;
        try {
            Map<String, ServiceRuntimeState> states = supervisor.states();
            // a journal only adds and replaces: services gone since a reload need a whole new snapshot
            if (wholeStateDue || !states.keySet().equals(written.keySet()) || store.journalOutgrewSnapshot()) {
                store.save(states);
            } else {
                store.append(changedSinceWritten(states));
            }
            written = states;
            wholeStateDue = false;
            view.get().write(store.file().getParent());
            if (failing) {
                LOG.info("state saved again to {}", store.file());
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            pending = Supervisor.Unsaved.NOTABLE;
            wholeStateDue = true; // an append may have left half a line
            Instant now = clock.instant();
            if (!failing || !now.isBefore(lastFailureLogged.plus(FAILURE_REMINDER))) {
                LOG.error("cannot save state to {}: {}; monitoring and repairing go on, but the state and notification "
                        + "spool are NOT kept (a restart of the daemon forgets them); retrying every second",
                        store.file(), e.toString());
                failing = true;
                lastFailureLogged = now;
            }
        }
        slowness = warm ? Duration.ofNanos(System.nanoTime() - begun).multipliedBy(10) : Duration.ZERO;
        warm = true;
        lastSave = clock.instant();
    }

    private Map<String, ServiceRuntimeState> changedSinceWritten(Map<String, ServiceRuntimeState> states) {
        Map<String, ServiceRuntimeState> changed = new HashMap<>();
        states.forEach((name, state) -> {
            if (written.get(name) != state) {
                changed.put(name, state);
            }
        });
        return changed;
    }
}
