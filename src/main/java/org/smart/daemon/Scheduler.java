package org.smart.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that sleeps until the next check is due and hands each due service to {@code dispatch}
 * (which must return at once: it only queues the check). Idle, it costs nothing but a wake-up a
 * second, which also keeps it right when the wall clock is set.
 */
final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration LONGEST_SLEEP = Duration.ofSeconds(1);

    private final CheckQueue queue = new CheckQueue();
    private final Clock clock;
    private final Consumer<String> dispatch;
    private final Thread thread;
    private boolean closed;
    /** When the thread last came round its loop: it does at least once a second unless something wedges it. */
    private volatile long lastTurnNanos = System.nanoTime();

    Scheduler(Clock clock, Consumer<String> dispatch) {
        this.clock = clock;
        this.dispatch = dispatch;
        this.thread = new Thread(this::run, "smart-scheduler");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    synchronized void schedule(String service, Instant at) {
        boolean earliest = queue.next().map(at::isBefore).orElse(true);
        queue.schedule(service, at);
        if (earliest) { // otherwise the thread already sleeps until an earlier check, then looks again
            notifyAll();
        }
    }

    /** Looks at the clock again now (a test that moved its clock; otherwise it looks within a second). */
    synchronized void wakeUp() {
        notifyAll();
    }

    synchronized void remove(String service) {
        queue.remove(service);
    }

    synchronized Optional<Instant> scheduledAt(String service) {
        return queue.scheduledAt(service);
    }

    /** Whether the thread runs and came round its loop within {@code within} (the watchdog's question). */
    boolean turnedWithin(Duration within) {
        return thread.isAlive() && System.nanoTime() - lastTurnNanos <= within.toNanos();
    }

    private void run() {
        while (true) {
            lastTurnNanos = System.nanoTime();
            List<String> due;
            try {
                due = awaitDue();
            } catch (InterruptedException e) {
                return;
            }
            if (due == null) {
                return;
            }
            for (String service : due) {
                try {
                    dispatch.accept(service);
                } catch (RuntimeException e) {
                    LOG.error("{}: cannot start its check: {}", service, e.toString(), e);
                }
            }
        }
    }

    /** The services due now, waiting until there are some; null once closed. */
    private synchronized List<String> awaitDue() throws InterruptedException {
        while (!closed) {
            lastTurnNanos = System.nanoTime();
            Instant now = clock.instant();
            List<String> due = queue.pollDue(now);
            if (!due.isEmpty()) {
                return due;
            }
            wait(millisUntil(now, queue.next().orElse(null)));
        }
        return null;
    }

    /**
     * How long to wait for {@code next}, rounded up: rounded down, a wait ends a fraction of a millisecond
     * early, finds nothing due and waits once more, two wake-ups per check instead of one.
     */
    static long millisUntil(Instant now, Instant next) {
        if (next == null) {
            return LONGEST_SLEEP.toMillis();
        }
        long nanos = Duration.between(now, next).toNanos();
        long millis = nanos / 1_000_000 + (nanos % 1_000_000 > 0 ? 1 : 0);
        return Math.max(1, Math.min(millis, LONGEST_SLEEP.toMillis()));
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
