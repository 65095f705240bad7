package org.smart.ssh;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A fair semaphore that never blocks a thread: {@link #acquire()} returns a future that completes when a permit
 * is free, first come first served. Requests over the limit wait in the queue; they are never refused.
 */
final class AsyncPermits {
    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private final Executor handOff;
    private int available;

    /**
     * @param permits how many may be held at once
     * @param handOff runs the next waiter when a permit is passed on, so a long queue is not drained by
     *                recursion on the releasing thread (an SSH I/O thread)
     */
    AsyncPermits(int permits, Executor handOff) {
        this.available = permits;
        this.handOff = handOff;
    }

    CompletableFuture<Void> acquire() {
        synchronized (this) {
            if (available > 0 && waiting.isEmpty()) {
                available--;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> turn = new CompletableFuture<>();
            waiting.addLast(turn);
            return turn;
        }
    }

    void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                available++;
                return;
            }
        }
        handOff.execute(() -> next.complete(null));
    }

    synchronized int queued() {
        return waiting.size();
    }
}
