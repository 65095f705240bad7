package org.smart.feed;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A {@link PassiveResultSink} that never blocks the agent: results wait in a bounded queue and one
 * thread delivers them in order ({@link DeliveryWorker}). A result whose attempt fails is tried again
 * after the growing delays of a {@link RetryPolicy} while the results behind it go on, and failures are
 * logged once per change of state ({@link FailureLog}). Every feed needs exactly this, so a feed says
 * only how to try one result ({@link #attempt}).
 */
abstract class QueuedSink implements PassiveResultSink {

    private static final int DROP_LOG_EVERY = 100;

    private final String subject;
    private final DeliveryWorker<PassiveResult> worker;

    /** @param subject what the sink feeds, for messages (e.g. "command file /x") */
    QueuedSink(String subject, int queueCapacity, Duration drainTimeout, RetryPolicy retry, Logger log) {
        this.subject = subject;
        this.worker = new DeliveryWorker<>(subject, queueCapacity, drainTimeout, retry, PassiveResult::about,
                DROP_LOG_EVERY, this::status, log);
    }

    /**
     * One attempt to deliver a result, on the delivery thread.
     *
     * @return empty when the result is done with (delivered, or refused for good: the sink logs it);
     *         otherwise why the attempt failed, naming the result when the failure is its own, and
     *         the result is tried again after a delay
     */
    abstract Optional<String> attempt(PassiveResult result) throws InterruptedException;

    /** Called from {@link #close()} on another thread, to free an attempt stuck in a blocking call. */
    void unblock() {
    }

    /** What the destination is doing now, added to the warning about a full queue; "" for nothing. */
    String status() {
        return Objects.toString(worker.currentFailure(), "");
    }

    /** Starts the delivery thread; a subclass calls it once, when it is fully built. */
    final void startDelivering(String threadName) {
        worker.start(new DeliveryWorker.Delivery<>() {
            @Override
            public Optional<String> attempt(PassiveResult result) throws InterruptedException {
                return QueuedSink.this.attempt(result);
            }

            @Override
            public void unblock() {
                QueuedSink.this.unblock();
            }
        }, threadName);
    }

    @Override
    public final boolean submit(PassiveResult result) {
        return worker.submit(result);
    }

    @Override
    public void close() {
        worker.close();
    }

    /** Results dropped because the queue was full. */
    public final long dropped() {
        return worker.dropped();
    }

    /** Why the destination cannot be reached right now, or null while it can. */
    public final String currentFailure() {
        return worker.currentFailure();
    }

    /** What the sink feeds, for messages. */
    final String subject() {
        return subject;
    }

    /** True once {@link #close()} has given up draining: attempts should stop. */
    final boolean stopping() {
        return worker.stopping();
    }

    final boolean deliveryThreadAlive() {
        return worker.threadAlive();
    }
}
