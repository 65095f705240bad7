package org.smart.daemon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * When each service is checked next: one pending time per service, earliest first. Scheduling a
 * service again replaces its pending time. Not thread-safe; {@link Scheduler} guards it.
 *
 * <p>Replaced entries stay in the heap until they surface (and are skipped) or the heap is rebuilt,
 * so rescheduling costs O(log n) and no search.
 */
final class CheckQueue {

    private record Entry(Instant at, long order, String service) {
    }

    private static final Comparator<Entry> EARLIEST_FIRST =
            Comparator.comparing(Entry::at).thenComparingLong(Entry::order);

    private final PriorityQueue<Entry> heap = new PriorityQueue<>(EARLIEST_FIRST);
    private final Map<String, Entry> pending = new HashMap<>();
    private long order;

    /** Checks {@code service} at {@code at}, instead of any time it was scheduled for before. */
    void schedule(String service, Instant at) {
        Entry entry = new Entry(at, order++, service);
        pending.put(service, entry);
        heap.add(entry);
        if (heap.size() > 2 * pending.size() + 64) {
            heap.clear();
            heap.addAll(pending.values());
        }
    }

    /** Forgets the service's pending check. */
    void remove(String service) {
        pending.remove(service);
    }

    /** The services due at {@code now}, earliest first; they are no longer pending. */
    List<String> pollDue(Instant now) {
        List<String> due = new ArrayList<>();
        while (!heap.isEmpty() && !heap.peek().at().isAfter(now)) {
            Entry entry = heap.poll();
            if (pending.get(entry.service()) == entry) {
                pending.remove(entry.service());
                due.add(entry.service());
            }
        }
        return due;
    }

    /** The earliest pending check, if any. */
    Optional<Instant> next() {
        while (!heap.isEmpty() && pending.get(heap.peek().service()) != heap.peek()) {
            heap.poll();
        }
        return heap.isEmpty() ? Optional.empty() : Optional.of(heap.peek().at());
    }

    Optional<Instant> scheduledAt(String service) {
        return Optional.ofNullable(pending.get(service)).map(Entry::at);
    }

    int size() {
        return pending.size();
    }
}
