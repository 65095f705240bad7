package org.smart.feed;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A {@link PassiveResultSink} that never blocks the agent: results wait in a bounded queue and one
 * thread delivers them in order ({@link DeliveryWorker}). A failed attempt is retried after the
 * growing delays of a {@link RetryPolicy}, and failures are logged once per change of state
 * ({@link FailureLog}). Every feed needs exactly this, so a feed says only how to try one result
 * ({@link #attempt}).
 */
abstract class QueuedSink implements PassiveResultSink {

    private static final int DROP_LOG_EVERY = 100;

    private final String subject;
    private final DeliveryWorker<PassiveResult> worker;
    private final FailureLog failures;
    private final RetryPolicy retry;

    /** @param subject what the sink feeds, for messages (e.g. "command file /x") */
    QueuedSink(String subject, int queueCapacity, Duration drainTimeout, RetryPolicy retry, Logger log) {
        this.subject = subject;
        this.retry = retry;
        this.failures = new FailureLog(log, subject);
        this.worker = new DeliveryWorker<>(subject, queueCapacity, drainTimeout, DROP_LOG_EVERY, this::status, log);
    }

    /**
     * One attempt to deliver a result, on the delivery thread.
     *
     * @return empty when the result is done with (delivered, or refused for good); otherwise why
     *         the attempt failed, and the result is tried again after a delay
     */
    abstract Optional<String> attempt(PassiveResult result) throws InterruptedException;

    /** Called from {@link #close()} on another thread, to free an attempt stuck in a blocking call. */
    void unblock() {
    }

    /** What the destination is doing now, added to the warning about a full queue; "" for nothing. */
    String status() {
        return Objects.toString(failures.currentFailure(), "");
    }

    /** Starts the delivery thread; a subclass calls it once, when it is fully built. */
    final void startDelivering(String threadName) {
        worker.start(new Retrying(), threadName);
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
        return failures.currentFailure();
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

    private final class Retrying implements DeliveryWorker.Delivery<PassiveResult> {

        @Override
        public boolean deliver(PassiveResult result) throws InterruptedException {
            for (int tries = 1; !worker.stopping(); tries++) {
                Optional<String> failure = attempt(result);
                if (failure.isEmpty()) {
                    failures.recovered();
                    return true;
                }
                // A failure caused by close() freeing a blocked attempt is no news.
                if (worker.stopping()) {
                    break;
                }
                failures.failed(failure.get());
                if (!worker.pause(retry.delay(tries))) {
                    break;
                }
            }
            return false;
        }

        @Override
        public void unblock() {
            QueuedSink.this.unblock();
        }
    }
}
