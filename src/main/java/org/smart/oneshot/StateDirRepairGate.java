package org.smart.oneshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.daemon.DaemonLock;
import org.smart.daemon.RepairLock;

/**
 * The actors of one state directory: the service's {@link RepairLock}, shared by every one-shot run that
 * acts, and the daemon's {@link DaemonLock}. The daemon's is looked at while holding the former, so that a
 * daemon starting meanwhile waits for this repair ({@link RepairLock#awaitRepairsUnderWay}) and a run that
 * sees no daemon cannot be overtaken by one.
 */
public final class StateDirRepairGate implements RepairGate {

    private static final Logger LOG = LoggerFactory.getLogger(StateDirRepairGate.class);

    private final Path stateDir;

    public StateDirRepairGate(Path stateDir) {
        this.stateDir = stateDir;
    }

    @Override
    public Entry enter(String service) {
        Optional<RepairLock> lock;
        try {
            lock = RepairLock.tryTake(stateDir, service);
        } catch (IOException e) {
            // Without the lock nobody can tell whether another run repairs it: acting could start it twice.
            LOG.warn("{}: not repaired: cannot take its repair lock in {}: {}", service, stateDir, e.toString());
            return new Entry(null, "cannot take its repair lock in " + stateDir + " (" + e.getMessage() + ")");
        }
        if (lock.isEmpty()) {
            return new Entry(null, "another SMART run is repairing " + service);
        }
        OptionalLong daemon = DaemonLock.holder(stateDir);
        if (daemon.isPresent()) {
            new Entry(lock.get(), null).close();
            return new Entry(null, "the SMART daemon" + (daemon.getAsLong() > 0 ? " (pid " + daemon.getAsLong() + ")"
                    : "") + " supervises " + service);
        }
        return new Entry(lock.get(), null);
    }
}
