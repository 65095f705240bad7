package org.smart.daemon;

import org.smart.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private final MutableClock clock = new MutableClock();
    private final List<String> dispatched = new CopyOnWriteArrayList<>();
    private final Scheduler scheduler = new Scheduler(clock, dispatched::add);

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void dispatchesEachServiceWhenItsTimeComesByTheClock() throws InterruptedException {
        scheduler.start();
        scheduler.schedule("web", clock.instant().plusSeconds(60));
        scheduler.schedule("db", clock.instant());

        await().atMost(Duration.ofSeconds(5)).until(() -> dispatched.contains("db"));
        Thread.sleep(100);
        assertThat(dispatched).containsExactly("db");
        assertThat(scheduler.scheduledAt("web")).contains(clock.instant().plusSeconds(60));

        clock.advance(Duration.ofSeconds(60));
        scheduler.wakeUp();

        await().atMost(Duration.ofSeconds(5)).until(() -> dispatched.size() == 2);
        assertThat(dispatched).containsExactly("db", "web");
        assertThat(scheduler.scheduledAt("web")).isEmpty();
    }

    @Test
    void aSchedulerWhoseDispatchHangsStopsTurningAndTurnsAgainWhenItIsFreed() throws InterruptedException {
        java.util.concurrent.CountDownLatch freed = new java.util.concurrent.CountDownLatch(1);
        Scheduler wedgeable = new Scheduler(clock, service -> {
            dispatched.add(service);
            if (service.equals("wedge")) {
                try {
                    freed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            assertThat(wedgeable.turnedWithin(Duration.ofSeconds(10))).as("not started yet").isFalse();
            wedgeable.start();
            Duration within = Duration.ofMillis(1500);
            // positive control: idle, it comes round at least once a second
            await().atMost(Duration.ofSeconds(5)).until(() -> wedgeable.turnedWithin(within));
            Thread.sleep(2 * within.toMillis());
            assertThat(wedgeable.turnedWithin(within)).as("idle scheduler").isTrue();

            wedgeable.schedule("wedge", clock.instant());
            await().atMost(Duration.ofSeconds(5)).until(() -> dispatched.contains("wedge"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !wedgeable.turnedWithin(within));

            freed.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> wedgeable.turnedWithin(within));
        } finally {
            freed.countDown();
            wedgeable.close();
        }
        assertThat(wedgeable.turnedWithin(Duration.ofDays(1))).as("closed").isFalse();
    }

    @Test
    void aRemovedServiceIsNotDispatched() throws InterruptedException {
        scheduler.schedule("web", clock.instant().plusSeconds(1));
        scheduler.remove("web");
        scheduler.start();
        clock.advance(Duration.ofSeconds(5));
        scheduler.wakeUp();
        scheduler.schedule("marker", clock.instant());

        await().atMost(Duration.ofSeconds(5)).until(() -> dispatched.contains("marker"));
        assertThat(dispatched).containsExactly("marker");
    }

    @Test
    void aFailingDispatchDoesNotStopTheScheduler() {
        Scheduler failing = new Scheduler(clock, service -> {
            dispatched.add(service);
            throw new IllegalStateException("boom");
        });
        try {
            failing.start();
            failing.schedule("a", clock.instant());
            failing.schedule("b", clock.instant());
            await().atMost(Duration.ofSeconds(5)).until(() -> dispatched.size() == 2);
        } finally {
            failing.close();
        }
    }

    @Test
    void waitsAreRoundedUpSoAWaitNeverEndsJustBeforeTheCheckIsDue() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(Scheduler.millisUntil(now, now.plusNanos(99_600_000))).isEqualTo(100);
        assertThat(Scheduler.millisUntil(now, now.plusMillis(100))).isEqualTo(100);
        assertThat(Scheduler.millisUntil(now, now.plusNanos(10))).isEqualTo(1);
        assertThat(Scheduler.millisUntil(now, now.minusSeconds(1))).as("overdue").isEqualTo(1);
        assertThat(Scheduler.millisUntil(now, now.plusSeconds(3600))).as("at most the longest sleep").isEqualTo(1000);
        assertThat(Scheduler.millisUntil(now, null)).as("nothing scheduled").isEqualTo(1000);
    }
}
