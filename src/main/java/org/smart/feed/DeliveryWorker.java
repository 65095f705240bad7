package org.smart.feed;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * One destination's queue, drained by one thread, so that the agent hands over a result without ever
 * waiting for a slow or absent destination, and one result that fails never holds back the others.
 *
 * <p><b>No head-of-line blocking.</b> Items are tried in the order they came. An item whose attempt
 * fails is set aside to be tried again after the growing delays of a {@link RetryPolicy} (its own
 * count of failures), and the thread goes on with the next item at once; it is tried again, before
 * newer items, once it is due. So items about different things may be delivered out of order after a
 * failure, never items about the same thing: a newer item about the same thing (same {@code about}
 * text: the same host and service) replaces one set aside, so an old result is never delivered after
 * a newer one. An item the destination refuses for good is the delivery's to log and report as done.
 *
 * <p><b>Backoff for the destination.</b> One item failing says nothing about the destination: the next
 * is tried at once. When two or more items are waiting for a retry the destination looks down, and
 * after each further failure the thread pauses, for longer the more items wait, so that a dead
 * destination is not hammered with every queued item in turn.
 *
 * <p><b>Bounded.</b> Queued and set-aside items together are at most {@code capacity}. When full, the
 * <em>oldest</em> is dropped (items set aside are always older than queued ones): for monitoring, the
 * newest result about a service is worth more than an old one. Drops are counted and logged on the
 * first and then every {@code dropLogEvery}-th time. Failures are logged once per change of reason
 * ({@link FailureLog}); the destination counts as working again once nothing is set aside.
 *
 * <p>{@link #close()} stops taking items, lets the thread deliver what is left (retries included) for
 * up to the drain time, then stops it ({@link #stopping()}, {@link #pause} returns false), asks the
 * delivery to {@link Delivery#unblock() unblock} a stuck system call and interrupts the thread. What
 * was not delivered is logged by name.
 */
final class DeliveryWorker<T> {

    /** Tries one item at a time, on the worker thread. */
    interface Delivery<T> {
        /**
         * One attempt to deliver an item.
         *
         * @return empty when the item is done with (delivered, or refused for good); otherwise why the
         *         attempt failed, and the item is tried again later
         */
        Optional<String> attempt(T item) throws InterruptedException;

        /** Called from {@code close} on another thread, to free an attempt stuck in a blocking call. */
        default void unblock() {
        }
    }

    /** An item with its place in the order of submission, its failed attempts and when it may be tried again. */
    private record Entry<T>(long order, T item, int failures, long dueNanos) {
        Entry<T> failedAt(long nowNanos, RetryPolicy retry) {
            return new Entry<>(order, item, failures + 1, nowNanos + retry.delay(failures + 1).toNanos());
        }
    }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final int NAMED_WHEN_CLOSING = 20;

    private final String name;
    private final int capacity;
    private final Duration drainTimeout;
    private final RetryPolicy retry;
    private final Function<T, String> about;
    private final int dropLogEvery;
    private final Supplier<String> status;
    private final Logger log;
    private final FailureLog failures;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock:
    private final Deque<Entry<T>> queued = new ArrayDeque<>();
    private final List<Entry<T>> setAside = new ArrayList<>();
    private Entry<T> inFlight;
    private long submitted;
    private boolean closing;
    // Guarded by this (close):
    private Integer undelivered;
    private Thread thread;
    private Delivery<T> delivery;

    /**
     * @param name         what the worker feeds, for messages (e.g. "command file /x")
     * @param drainTimeout how long {@link #close()} lets the thread deliver what is left
     * @param retry        delays before an item that failed is tried again
     * @param about        what an item is about, for messages (e.g. "host web01, service apache"); items
     *                     about the same thing replace each other while set aside
     * @param status       what the destination is doing now, added to the drop warning
     */
    DeliveryWorker(String name, int capacity, Duration drainTimeout, RetryPolicy retry, Function<T, String> about,
            int dropLogEvery, Supplier<String> status, Logger log) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, not " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        this.drainTimeout = drainTimeout;
        this.retry = retry;
        this.about = about;
        this.dropLogEvery = Math.max(1, dropLogEvery);
        this.status = status;
        this.log = log;
        this.failures = new FailureLog(log, name);
    }

    void start(Delivery<T> delivery, String threadName) {
        this.delivery = delivery;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an item without blocking; false once closed. */
    boolean submit(T item) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            String subject = about.apply(item);
            setAside.removeIf(waiting -> about.apply(waiting.item()).equals(subject));
            while (queued.size() + setAside.size() >= capacity) {
                dropOldest();
            }
            queued.add(new Entry<>(submitted++, item, 0, 0));
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void dropOldest() {
        Optional<Entry<T>> oldestAside = setAside.stream().min(Comparator.comparingLong(Entry::order));
        if (oldestAside.isPresent()) {
            setAside.remove(oldestAside.get());
        } else {
            queued.poll();
        }
        long n = dropped.incrementAndGet();
        if (n == 1 || n % dropLogEvery == 0) {
            String now = status.get();
            log.warn("{}: queue full ({} results), dropped the oldest; {} dropped so far{}", name, capacity, n,
                    now.isEmpty() ? "" : " (" + now + ")");
        }
    }

    /** Waits before a retry; false (at once) when the worker is stopping. */
    boolean pause(Duration delay) throws InterruptedException {
        return !stop.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean stopping() {
        return stop.getCount() == 0;
    }

    /** Why the destination failed last, or null while it works. */
    String currentFailure() {
        return failures.currentFailure();
    }

    private void run() {
        try {
            for (Entry<T> entry = next(); entry != null; entry = next()) {
                Optional<String> failure = attempt(entry.item());
                if (failure.isEmpty()) {
                    done();
                } else if (stopping()) {
                    break; // a failure caused by close() freeing a blocked attempt is no news
                } else if (!setAside(entry, failure.get())) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next item to try: a set-aside one whose retry is due (the oldest first, so that order comes
     * back once the destination does), else the oldest queued one; null when stopping, or closing with
     * nothing left. An item failing again is due only after a longer delay, so it never holds back the
     * queue for more than one attempt at a time.
     */
    private Entry<T> next() throws InterruptedException {
        lock.lock();
        try {
            while (!stopping()) {
                Entry<T> entry = dueSetAside();
                if (entry == null) {
                    entry = queued.poll();
                }
                if (entry != null) {
                    inFlight = entry;
                    return entry;
                }
                if (closing && setAside.isEmpty()) {
                    return null;
                }
                changed.awaitNanos(Math.min(POLL_NANOS, nanosUntilDue()));
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest set-aside item whose retry is due, or null. */
    private Entry<T> dueSetAside() {
        long now = System.nanoTime();
        Optional<Entry<T>> oldest = setAside.stream().filter(e -> e.dueNanos() - now <= 0)
                .min(Comparator.comparingLong(Entry::order));
        oldest.ifPresent(setAside::remove);
        return oldest.orElse(null);
    }

    private long nanosUntilDue() {
        long now = System.nanoTime();
        return setAside.stream().mapToLong(e -> Math.max(1, e.dueNanos() - now)).min().orElse(POLL_NANOS);
    }

    /** A bug in one delivery loses that item only, never the feed. */
    private Optional<String> attempt(T item) throws InterruptedException {
        try {
            return delivery.attempt(item);
        } catch (RuntimeException e) {
            log.error("{}: could not deliver {}; going on with the next", name, about.apply(item), e);
            return Optional.empty();
        }
    }

    private void done() {
        boolean nothingWaits;
        lock.lock();
        try {
            inFlight = null;
            nothingWaits = setAside.isEmpty();
        } finally {
            lock.unlock();
        }
        if (nothingWaits) {
            failures.recovered();
        }
    }

    /**
     * Sets a failed item aside for a retry, unless a newer item about the same thing came meanwhile,
     * and pauses when the destination looks down.
     *
     * @return false when the worker is stopping
     */
    private boolean setAside(Entry<T> entry, String why) throws InterruptedException {
        int waiting;
        lock.lock();
        try {
            inFlight = null;
            String subject = about.apply(entry.item());
            if (queued.stream().noneMatch(newer -> about.apply(newer.item()).equals(subject))) {
                setAside.add(entry.failedAt(System.nanoTime(), retry));
            }
            waiting = setAside.size();
        } finally {
            lock.unlock();
        }
        failures.failed(why);
        return waiting < 2 || pause(retry.delay(waiting - 1));
    }

    /**
     * Drains for up to the drain time, then stops the thread and logs what was not delivered. Later
     * calls return at once. An interrupt ends the wait early (and is kept).
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
            List<String> left = leftOver();
            undelivered = left.size();
            if (!left.isEmpty()) {
                String failure = failures.currentFailure();
                log.warn("{}: closed with {} result(s) not delivered: {}{}", name, left.size(),
                        left.stream().limit(NAMED_WHEN_CLOSING).collect(Collectors.joining("; ")),
                        (left.size() > NAMED_WHEN_CLOSING ? "; ..." : "")
                                + (failure == null ? "" : " (last failure: " + failure + ")"));
            }
        }
        return undelivered;
    }

    /** What the items not delivered are about, oldest first. */
    private List<String> leftOver() {
        lock.lock();
        try {
            return Stream.of(setAside.stream(), Stream.ofNullable(inFlight), queued.stream())
                    .flatMap(s -> s)
                    .sorted(Comparator.comparingLong(Entry::order))
                    .map(e -> about.apply(e.item()))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    private void stopThread() throws InterruptedException {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
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
        lock.lock();
        try {
            return queued.size() + setAside.size();
        } finally {
            lock.unlock();
        }
    }

    boolean threadAlive() {
        return thread != null && thread.isAlive();
    }
}
