package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DeliveryWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200));

    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    /** Items are "subject" or "subject:version"; items with the same subject replace each other while set aside. */
    private DeliveryWorker<String> worker(int capacity) {
        return new DeliveryWorker<>("test", capacity, Duration.ofMillis(500), RETRY, item -> item.split(":")[0], 100,
                () -> "", LoggerFactory.getLogger(DeliveryWorkerTest.class));
    }

    /** Delivers every item but those in {@code failing}. */
    private DeliveryWorker<String> started(int capacity) {
        DeliveryWorker<String> w = worker(capacity);
        w.start(item -> {
            attempts.add(item);
            if (failing.contains(item)) {
                return Optional.of("no luck with " + item);
            }
            delivered.add(item);
            return Optional.empty();
        }, "test-worker");
        return w;
    }

    @Test
    void aFailingItemDoesNotStopTheFeed() {
        DeliveryWorker<String> w = worker(10);
        w.start(item -> {
            if (item.equals("boom")) {
                throw new IllegalStateException("bug");
            }
            delivered.add(item);
            return Optional.empty();
        }, "test-worker");

        List.of("a", "boom", "b").forEach(w::submit);

        await().atMost(WAIT).until(() -> delivered.equals(List.of("a", "b")));
        assertThat(w.close()).isZero();
        assertThat(w.threadAlive()).isFalse();
    }

    @Test
    void anItemThatFailsIsSetAsideAndTheNextAreTriedAtOnce() {
        failing.add("a");
        DeliveryWorker<String> w = started(10);

        List.of("a", "b", "c").forEach(w::submit);

        await().atMost(WAIT).until(() -> delivered.equals(List.of("b", "c")));
        assertThat(attempts.subList(0, 3)).containsExactly("a", "b", "c");
        assertThat(w.currentFailure()).isEqualTo("no luck with a");
        failing.clear();
        await().atMost(WAIT).until(() -> delivered.equals(List.of("b", "c", "a")));
        await().atMost(WAIT).until(() -> w.currentFailure() == null);
        assertThat(w.close()).isZero();
    }

    @Test
    void aNewerItemAboutTheSameThingReplacesTheOneSetAside() {
        failing.add("a:1");
        DeliveryWorker<String> w = started(10);
        w.submit("a:1");
        await().atMost(WAIT).until(() -> attempts.contains("a:1"));

        w.submit("a:2");

        await().atMost(WAIT).until(() -> delivered.contains("a:2"));
        assertThat(w.queued()).as("a:1 is gone").isZero();
        assertThat(w.close()).isZero();
    }

    @Test
    void closeDeliversWhatIsSetAsideWithinTheDrainTimeAndNamesWhatIsLeft() {
        failing.addAll(List.of("x", "y"));
        DeliveryWorker<String> w = started(10);
        List.of("x", "ok", "y").forEach(w::submit);
        await().atMost(WAIT).until(() -> delivered.contains("ok") && attempts.contains("y"));

        assertThat(w.close()).as("x and y never went through").isEqualTo(2);
        assertThat(attempts.stream().filter("x"::equals).count()).as("x retried while draining").isGreaterThan(1);
        assertThat(w.threadAlive()).isFalse();
    }

    @Test
    void fullQueueDropsTheOldestAndCloseCountsWhatIsLeft() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DeliveryWorker<String> w = worker(3);
        w.start(item -> {
            delivered.add(item);
            release.await();
            return Optional.empty();
        }, "test-worker");
        w.submit("first");
        await().atMost(WAIT).until(() -> delivered.contains("first"));

        List.of("1", "2", "3", "4", "5").forEach(w::submit);

        assertThat(w.dropped()).isEqualTo(2);
        assertThat(w.queued()).isEqualTo(3);
        // The delivery never returns within the drain time: it is interrupted; "first" and 3, 4, 5 are left.
        assertThat(w.close()).isEqualTo(4);
        assertThat(w.close()).as("second close returns at once, same count").isEqualTo(4);
        assertThat(w.submit("late")).isFalse();
        assertThat(delivered).containsExactly("first");
    }
}
