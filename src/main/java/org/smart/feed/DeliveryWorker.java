package org.smart.feed;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A bounded queue drained by one thread, so that the agent hands over a result without ever
 * waiting for a slow or absent destination.
 *
 * <p>When the queue is full the <em>oldest</em> queued item is dropped: for monitoring, the newest
 * result about a service is worth more than an old one. Drops are counted and logged on the first
 * and then every {@code dropLogEvery}-th time.
 *
 * <p>{@link #close()} stops taking items, lets the thread drain the queue for up to the
 * drain time, then tells the delivery to stop ({@link #stopping()}, {@link #pause} returns false),
 * asks it to {@link Delivery#unblock() unblock} a stuck system call and interrupts the thread.
 */
final class DeliveryWorker<T> {

    /** Delivers one item at a time, on the worker thread. */
    interface Delivery<T> {
        /**
         * Delivers one item, retrying as it sees fit (with {@link DeliveryWorker#pause}).
         *
         * @return true when the item is done with (delivered, or refused for good); false when
         *         the worker is stopping and the item was not delivered
         */
        boolean deliver(T item) throws InterruptedException;

        /** Called from {@code close} on another thread, to free a delivery stuck in a blocking call. */
        default void unblock() {
        }
    }

    private static final long POLL_MILLIS = 100;
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final String name;
    private final BlockingQueue<T> queue;
    private final int dropLogEvery;
    private final Duration drainTimeout;
    private final Supplier<String> status;
    private final Logger log;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;
    private Integer undelivered;
    private volatile T inFlight;
    private Thread thread;
    private Delivery<T> delivery;

    /**
     * @param name         what the worker feeds, for messages (e.g. "command file /x")
     * @param drainTimeout how long {@link #close()} lets the thread deliver what is queued
     * @param status       what the destination is doing now, added to the drop warning
     */
    DeliveryWorker(String name, int capacity, Duration drainTimeout, int dropLogEvery, Supplier<String> status,
            Logger log) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, not " + capacity);
        }
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.dropLogEvery = Math.max(1, dropLogEvery);
        this.drainTimeout = drainTimeout;
        this.status = status;
        this.log = log;
    }

    void start(Delivery<T> delivery, String threadName) {
        this.delivery = delivery;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an item without blocking; false once closed. */
    boolean submit(T item) {
        if (closing) {
            return false;
        }
        while (!queue.offer(item)) {
            if (queue.poll() != null) {
                countDrop();
            }
        }
        return true;
    }

    private void countDrop() {
        long n = dropped.incrementAndGet();
        if (n == 1 || n % dropLogEvery == 0) {
            String now = status.get();
            log.warn("{}: queue full ({} results), dropped the oldest; {} dropped so far{}", name,
                    queue.remainingCapacity() + queue.size(), n, now.isEmpty() ? "" : " (" + now + ")");
        }
    }

    /** Waits before a retry; false (at once) when the worker is stopping. */
    boolean pause(Duration delay) throws InterruptedException {
        return !stop.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean stopping() {
        return stop.getCount() == 0;
    }

    private void run() {
        try {
            while (!stopping() && !(closing && queue.isEmpty())) {
                T item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (item != null) {
                    inFlight = item;
                    if (!deliverOne(item)) {
                        break;
                    }
                    inFlight = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bug in one delivery loses that item only, never the feed. */
    private boolean deliverOne(T item) throws InterruptedException {
        try {
            return delivery.deliver(item);
        } catch (RuntimeException e) {
            log.error("{}: could not deliver {}; going on with the next", name, item, e);
            return true;
        }
    }

    /**
     * Drains for up to the drain time, then stops the thread. Later calls return at once. An
     * interrupt ends the wait early (and is kept).
     *
     * @return how many items were not delivered
     */
    synchronized int close() {
        if (undelivered == null) {
            try {
                stopThread();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            undelivered = queue.size() + (inFlight == null ? 0 : 1);
            if (undelivered > 0) {
                log.warn("{}: closed with {} result(s) not delivered", name, undelivered);
            }
        }
        return undelivered;
    }

    private void stopThread() throws InterruptedException {
        closing = true;
        try {
            thread.join(Math.max(1, drainTimeout.toMillis()));
        } finally {
            stop.countDown(); // even if our wait is interrupted, the delivery must stop retrying
        }
        long giveUp = System.nanoTime() + STOP_GRACE.toNanos();
        while (thread.isAlive() && System.nanoTime() < giveUp) {
            delivery.unblock();
            thread.interrupt();
            thread.join(50);
        }
        if (thread.isAlive()) {
            log.warn("{}: delivery thread did not stop", name);
        }
    }

    long dropped() {
        return dropped.get();
    }

    int queued() {
        return queue.size();
    }

    boolean threadAlive() {
        return thread != null && thread.isAlive();
    }
}
