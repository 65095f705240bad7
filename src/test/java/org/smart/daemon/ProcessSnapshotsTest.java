package org.smart.daemon;

import org.smart.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.smart.process.ProcessTable;

class ProcessSnapshotsTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger reads = new AtomicInteger();
    private final ProcessSnapshots snapshots = new ProcessSnapshots(() -> {
        reads.incrementAndGet();
        return ProcessTable.of(List.of());
    }, clock);

    @Test
    void checksDueTogetherShareOneReadAndAnExitTriggeredCheckGetsAFreshOne() {
        Instant first = clock.instant();
        ProcessTable a = snapshots.begunSince(first.minusMillis(200));
        clock.advance(Duration.ofMillis(150));
        ProcessTable b = snapshots.begunSince(clock.instant().minusMillis(200));

        assertThat(reads).hasValue(1);
        assertThat(b).isSameAs(a);

        Instant exitNoticed = clock.instant();
        ProcessTable c = snapshots.begunSince(exitNoticed);

        assertThat(reads).hasValue(2);
        assertThat(c).isNotSameAs(a);
        assertThat(snapshots.begunSince(exitNoticed)).isSameAs(c);
    }
}
