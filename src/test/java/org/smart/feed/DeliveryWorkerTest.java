package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DeliveryWorkerTest {

    private final List<String> delivered = new CopyOnWriteArrayList<>();

    private DeliveryWorker<String> worker(int capacity) {
        return new DeliveryWorker<>("test", capacity, Duration.ofMillis(200), 100, () -> "",
                LoggerFactory.getLogger(DeliveryWorkerTest.class));
    }

    @Test
    void aFailingItemDoesNotStopTheFeed() {
        DeliveryWorker<String> w = worker(10);
        w.start(item -> {
            if (item.equals("boom")) {
                throw new IllegalStateException("bug");
            }
            return delivered.add(item);
        }, "test-worker");

        List.of("a", "boom", "b").forEach(w::submit);

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.equals(List.of("a", "b")));
        assertThat(w.close()).isZero();
        assertThat(w.threadAlive()).isFalse();
    }

    @Test
    void fullQueueDropsTheOldestAndCloseCountsWhatIsLeft() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DeliveryWorker<String> w = worker(3);
        w.start(item -> {
            delivered.add(item);
            release.await();
            return true;
        }, "test-worker");
        w.submit("first");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("first"));

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
