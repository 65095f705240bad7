package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckQueueTest {

    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private final CheckQueue queue = new CheckQueue();

    @Test
    void dueServicesComeEarliestFirstAndOnlyOnce() {
        queue.schedule("b", T0.plusSeconds(2));
        queue.schedule("a", T0.plusSeconds(1));
        queue.schedule("c", T0.plusSeconds(9));

        assertThat(queue.pollDue(T0)).isEmpty();
        assertThat(queue.next()).contains(T0.plusSeconds(1));
        assertThat(queue.pollDue(T0.plusSeconds(5))).containsExactly("a", "b");
        assertThat(queue.pollDue(T0.plusSeconds(5))).isEmpty();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.next()).contains(T0.plusSeconds(9));
    }

    @Test
    void schedulingAgainReplacesTheEarlierTime() {
        queue.schedule("a", T0.plusSeconds(1));
        queue.schedule("a", T0.plusSeconds(60));

        assertThat(queue.pollDue(T0.plusSeconds(30))).isEmpty();
        assertThat(queue.next()).contains(T0.plusSeconds(60));
        assertThat(queue.scheduledAt("a")).contains(T0.plusSeconds(60));

        queue.schedule("a", T0.plusSeconds(10));
        assertThat(queue.pollDue(T0.plusSeconds(30))).containsExactly("a");
    }

    @Test
    void aRemovedServiceIsNeverDue() {
        queue.schedule("a", T0);
        queue.remove("a");

        assertThat(queue.pollDue(T0.plusSeconds(1))).isEmpty();
        assertThat(queue.next()).isEmpty();
        assertThat(queue.scheduledAt("a")).isEmpty();
    }

    @Test
    void manyReschedulesKeepOnePendingTimeEach() {
        for (int i = 0; i < 10_000; i++) {
            queue.schedule("s" + (i % 10), T0.plusSeconds(i));
        }

        assertThat(queue.size()).isEqualTo(10);
        assertThat(queue.pollDue(T0.plusSeconds(9_994))).containsExactly("s0", "s1", "s2", "s3", "s4");
        assertThat(queue.pollDue(T0.plusSeconds(20_000))).containsExactly("s5", "s6", "s7", "s8", "s9");
    }
}
