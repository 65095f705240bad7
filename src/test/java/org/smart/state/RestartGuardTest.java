package org.smart.state;

import org.smart.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smart.state.RestartVerdict.Decision.GAVE_UP;
import static org.smart.state.RestartVerdict.Decision.GIVEN_UP;
import static org.smart.state.RestartVerdict.Decision.RESTART;
import static org.smart.state.RestartVerdict.Decision.WAIT;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RestartGuardTest {

    private final MutableClock clock = new MutableClock();
    private static final RestartBackoff NO_PAUSE = new RestartBackoff(Duration.ZERO, Duration.ZERO);

    @Test
    void parsesTheLimit() {
        assertThat(RestartLimit.parse("3/5")).isEqualTo(new RestartLimit(3, 5));
        assertThat(RestartLimit.parse(" 2 / 10 ")).isEqualTo(new RestartLimit(2, 10));
        assertThat(RestartLimit.DEFAULT).hasToString("3/5");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"3", "3/", "/5", "a/b", "3/5/7", "-1/5", "3.0/5", "99999999999/5"})
    void rejectsBadLimitSyntaxQuotingTheValue(String text) {
        assertThatThrownBy(() -> RestartLimit.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RESTART_LIMIT must be N/M (at most N restarts within M checks, e.g. 3/5), not '"
                        + text + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0/5 | RESTART_LIMIT '0/5': N must be at least 1",
        "5/3 | RESTART_LIMIT '5/3': M (checks) must be at least N (restarts), since every restart follows a check",
    })
    void rejectsImpossibleLimits(String text, String message) {
        assertThatThrownBy(() -> RestartLimit.parse(text)).hasMessage(message);
    }

    @Test
    void givesUpWhenAFurtherRestartWouldExceedTheLimitAndStaysGivenUpUntilReset() {
        RestartGuard guard = new RestartGuard(RestartLimit.parse("3/5"), NO_PAUSE, clock);
        RestartHistory history = RestartHistory.EMPTY;

        for (long check = 1; check <= 3; check++) {
            RestartVerdict verdict = guard.decide(history, check);
            assertThat(verdict.decision()).as("check %d", check).isEqualTo(RESTART);
            history = verdict.history();
        }
        assertThat(history.restarts()).extracting(RestartRecord::checkNumber).containsExactly(1L, 2L, 3L);

        RestartVerdict fourth = guard.decide(history, 4);
        assertThat(fourth.decision()).isEqualTo(GAVE_UP);
        assertThat(fourth.history().givenUp()).isTrue();
        assertThat(fourth.history().givenUpAt()).isEqualTo(clock.instant());

        // Long after the window has passed it is still given up: only an operator brings it back.
        clock.advance(Duration.ofDays(1));
        RestartVerdict later = guard.decide(fourth.history(), 100);
        assertThat(later.decision()).isEqualTo(GIVEN_UP);
        assertThat(later.restart()).isFalse();

        RestartHistory reset = guard.reset();
        assertThat(reset).isEqualTo(RestartHistory.EMPTY);
        assertThat(guard.decide(reset, 101).decision()).isEqualTo(RESTART);
    }

    @Test
    void restartsOlderThanTheWindowNoLongerCount() {
        RestartGuard guard = new RestartGuard(RestartLimit.parse("2/3"), NO_PAUSE, clock);
        RestartHistory history = guard.decide(RestartHistory.EMPTY, 1).history();
        history = guard.decide(history, 2).history();

        assertThat(guard.decide(history, 3).decision()).as("restarts at checks 1 and 2 are within 1..3")
                .isEqualTo(GAVE_UP);

        RestartVerdict afterWindow = guard.decide(history, 4); // window 2..4 holds one restart
        assertThat(afterWindow.decision()).isEqualTo(RESTART);
        assertThat(afterWindow.history().restarts()).extracting(RestartRecord::checkNumber)
                .as("the restart that left the window is forgotten").containsExactly(2L, 4L);
    }

    @Test
    void thePauseBetweenRestartsGrowsAndIsCapped() {
        RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(10), Duration.ofSeconds(35));

        assertThat(backoff.delayAfter(0)).isZero();
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(35));
        assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void aRestartWaitsForThePauseSinceTheLastOne() {
        RestartGuard guard = new RestartGuard(RestartLimit.parse("5/10"),
                new RestartBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60)), clock);
        long check = 1;

        RestartVerdict first = guard.decide(RestartHistory.EMPTY, check++);
        assertThat(first.decision()).as("the first restart happens at once").isEqualTo(RESTART);
        RestartHistory history = first.history();

        for (Duration pause : new Duration[] {Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40)}) {
            clock.advance(pause.minusSeconds(1));
            RestartVerdict early = guard.decide(history, check++);
            assertThat(early.decision()).isEqualTo(WAIT);
            assertThat(early.notBefore()).isEqualTo(clock.instant().plusSeconds(1));
            assertThat(early.history()).as("waiting does not count as a restart").isEqualTo(history);

            clock.advance(Duration.ofSeconds(1));
            RestartVerdict due = guard.decide(history, check++);
            assertThat(due.decision()).as("after %s", pause).isEqualTo(RESTART);
            history = due.history();
        }
    }

    @Test
    void backoffIsValidated() {
        assertThatThrownBy(() -> new RestartBackoff(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .hasMessage("restart backoff needs 0 <= base <= cap, not base=PT10S cap=PT5S");
    }
}
