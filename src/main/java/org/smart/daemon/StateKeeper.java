package org.smart.daemon;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.state.StateStore;

/**
 * Saves the supervisor's state when it changed, at most about once a second, so a crash loses at
 * most the last second and a busy daemon does not write its whole state for every check. A save
 * that takes long (thousands of services) spaces the next ones out further, so that saving takes at
 * most about a fifth of the time; never more than {@link #MAX_SPACING} apart. The first save is not
 * taken as a measure: it pays for loading the JSON machinery.
 */
final class StateKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(StateKeeper.class);
    private static final Duration MIN_SPACING = Duration.ofSeconds(1);
    private static final Duration MAX_SPACING = Duration.ofSeconds(5);

    private final StateStore store;
    private final Supervisor supervisor;
    private final Supplier<LiveView> view;
    private final Clock clock;
    private Instant nextSave = Instant.MIN;
    private boolean failing;
    private boolean warm;

    StateKeeper(StateStore store, Supervisor supervisor, Supplier<LiveView> view, Clock clock) {
        this.store = store;
        this.supervisor = supervisor;
        this.view = view;
        this.clock = clock;
    }

    /** Saves if anything changed and the last save is long enough ago. */
    synchronized void saveIfDue() {
        if (clock.instant().isBefore(nextSave) || !supervisor.takeDirty()) {
            return;
        }
        save();
    }

    /** Saves now, changed or not (start, shutdown, an operator's request). */
    synchronized void saveNow() {
        supervisor.takeDirty();
        save();
    }

    private void save() {
        long begun = System.nanoTime();
        try {
            store.save(supervisor.states());
            view.get().write(store.file().getParent());
            if (failing) {
                LOG.info("state saved again to {}", store.file());
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            supervisor.markDirty();
            if (!failing) {
                LOG.error("cannot save state to {}: {}; monitoring goes on, retrying every second", store.file(),
                        e.toString());
                failing = true;
            }
        }
        Duration took = warm ? Duration.ofNanos(System.nanoTime() - begun) : Duration.ZERO;
        warm = true;
        Duration spacing = took.multipliedBy(5);
        spacing = spacing.compareTo(MIN_SPACING) < 0 ? MIN_SPACING
                : spacing.compareTo(MAX_SPACING) > 0 ? MAX_SPACING : spacing;
        // a little early, so a save due "every second" is not pushed to every 1.5 s by the 0.5 s tick
        nextSave = clock.instant().plus(spacing).minusMillis(100);
    }
}
