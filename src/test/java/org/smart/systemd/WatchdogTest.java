package org.smart.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final ServiceManager recording = assignments -> sent.add(String.join("\n", assignments));

    @Test
    void theTimeoutIsWatchdogUsecForThisProcessOnly() {
        assertThat(Watchdog.timeout(Map.of("WATCHDOG_USEC", "60000000"), 42)).contains(Duration.ofSeconds(60));
        assertThat(Watchdog.timeout(Map.of("WATCHDOG_USEC", "2000000", "WATCHDOG_PID", "42"), 42))
                .contains(Duration.ofSeconds(2));
        assertThat(Watchdog.timeout(Map.of("WATCHDOG_USEC", "2000000", "WATCHDOG_PID", "7"), 42))
                .as("inherited from another process").isEmpty();
        assertThat(Watchdog.timeout(Map.of(), 42)).isEmpty();
        assertThat(Watchdog.timeout(Map.of("WATCHDOG_USEC", "0"), 42)).isEmpty();
        assertThat(Watchdog.timeout(Map.of("WATCHDOG_USEC", "soon"), 42)).isEmpty();
    }

    @Test
    void feedsOnlyWhileAliveSaysSoAndSaysWhyItStopped() {
        AtomicBoolean alive = new AtomicBoolean(true);
        try (Watchdog watchdog = Watchdog.start(recording, Duration.ofMillis(200), alive::get)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.stream().filter("WATCHDOG=1"::equals).count() >= 3);

            alive.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.stream().anyMatch(m -> m.contains("wedged")));
            int whenStarved = sent.size();
            // positive control for the silence below: at 100 ms a ping, ten periods would have meant ten pings
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertThat(sent.subList(whenStarved, sent.size())).isEmpty();
            assertThat(sent.stream().filter(m -> m.contains("wedged")).count()).as("said once").isEqualTo(1);

            alive.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() > whenStarved
                    && sent.get(sent.size() - 1).equals("WATCHDOG=1"));
        }
    }

    @Test
    void aFailingLivenessQuestionCountsAsWedged() {
        try (Watchdog watchdog = Watchdog.start(recording, Duration.ofMillis(100), () -> {
            throw new IllegalStateException("broken");
        })) {
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.stream().anyMatch(m -> m.contains("wedged")));
            assertThat(sent).noneMatch("WATCHDOG=1"::equals);
        }
    }

    @Test
    void aValueCannotStartASecondAssignment() {
        assertThat(SingleLine.of("STATUS=ok\nREADY=1\r\u0000x")).isEqualTo("STATUS=ok READY=1  x");
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        assertThat(SystemdNotify.fromEnvironment(Map.of())).isSameAs(ServiceManager.NONE);
        assertThat(SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", ""))).isSameAs(ServiceManager.NONE);
        assertThat(SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/x"))).isInstanceOf(SystemdNotify.class);
    }
}
