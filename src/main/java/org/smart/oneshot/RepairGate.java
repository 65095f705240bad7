package org.smart.oneshot;

import org.slf4j.LoggerFactory;

/**
 * Who may repair a service now: one actor per service. A one-shot run asks before it restarts a service
 * and holds the answer until the restart is over; a refusal says who acts instead. (A later issue hands
 * such a run's request to the running daemon instead of refusing: this is the place.)
 */
@FunctionalInterface
public interface RepairGate {

    /** The right to repair {@code service}, held until closed; or, when refused, why. */
    Entry enter(String service);

    /** No other actor is ever in the way (dry runs and tests). */
    RepairGate OPEN = service -> new Entry(null, null);

    /**
     * @param lock the lock held while repairing, or null
     * @param busy why this run may not repair the service (who does), or null when it may
     */
    record Entry(AutoCloseable lock, String busy) implements AutoCloseable {

        public boolean refused() {
            return busy != null;
        }

        @Override
        public void close() {
            if (lock == null) {
                return;
            }
            try {
                lock.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(RepairGate.class).warn("cannot release a repair lock: {}", e.toString());
            }
        }
    }
}
