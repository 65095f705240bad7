package org.smart.state;

import org.smart.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smart.state.RestartVerdict.Decision.GAVE_UP;
import static org.smart.state.RestartVerdict.Decision.GIVEN_UP;
import static org.smart.state.RestartVerdict.Decision.RESTART;
import static org.smart.state.RestartVerdict.Decision.WAIT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
                .hasMessage("RESTART_LIMIT must be N/M (at most N restarts until the service has been OK for M checks"
                        + " in a row, e.g. 3/5), not '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0/5 | RESTART_LIMIT '0/5': N (restarts) must be at least 1",
        "3/0 | RESTART_LIMIT '3/0': M (OK checks in a row that clear the count) must be at least 1",
    })
    void rejectsImpossibleLimits(String text, String message) {
        assertThatThrownBy(() -> RestartLimit.parse(text)).hasMessage(message);
    }

    @Test
    void moreRestartsThanClearingChecksIsAValidLimitNow() {
        assertThat(RestartLimit.parse("5/3")).isEqualTo(new RestartLimit(5, 3));
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
    void onlyMConsecutiveOkChecksAfterARestartClearTheCount() {
        RestartGuard guard = new RestartGuard(RestartLimit.parse("2/3"), NO_PAUSE, clock);
        RestartHistory history = guard.decide(RestartHistory.EMPTY, 1).history();

        history = guard.afterCheck(history, true);
        history = guard.afterCheck(history, true);
        assertThat(history.okChecks()).isEqualTo(2);
        history = guard.afterCheck(history, false);
        assertThat(history.okChecks()).as("a problem starts the stable run again").isZero();
        assertThat(history.counted()).isEqualTo(1);
        history = guard.afterCheck(guard.afterCheck(history, true), true);
        assertThat(history.counted()).as("two OK checks in a row are not three").isEqualTo(1);

        history = guard.afterCheck(history, true);

        assertThat(history).as("three OK checks in a row clear the count").isEqualTo(RestartHistory.EMPTY);
        assertThat(guard.afterCheck(history, true)).as("nothing to clear").isSameAs(history);
    }

    @Test
    void aPauseNeverClearsTheCountHoweverManyChecksItSpans() {
        RestartGuard guard = new RestartGuard(RestartLimit.parse("2/3"),
                new RestartBackoff(Duration.ofMinutes(10), Duration.ofMinutes(20)), clock);
        RestartHistory history = guard.decide(RestartHistory.EMPTY, 1).history();
        long check = 2;
        for (int i = 0; i < 200; i++) { // 10 minutes of checks every 5 s
            clock.advance(Duration.ofSeconds(5));
            history = guard.afterCheck(history, false);
            RestartVerdict verdict = guard.decide(history, check++);
            if (verdict.decision() != WAIT) {
                assertThat(verdict.decision()).isEqualTo(RESTART);
                history = verdict.history();
                break;
            }
        }
        assertThat(history.counted()).as("the restart before the pause still counts").isEqualTo(2);
        clock.advance(Duration.ofMinutes(10));
        assertThat(guard.decide(history, check).decision()).as("the next pause, twice as long").isEqualTo(WAIT);

        clock.advance(Duration.ofMinutes(10));
        RestartVerdict third = guard.decide(guard.afterCheck(history, false), check);

        assertThat(third.decision()).as("the third restart is due, and beyond the limit").isEqualTo(GAVE_UP);
    }

    @Test
    void aGivenUpServiceStaysGivenUpThoughItComesUpOnItsOwn() {
        RestartGuard guard = new RestartGuard(RestartLimit.parse("1/1"), NO_PAUSE, clock);
        RestartHistory history = guard.decide(RestartHistory.EMPTY, 1).history();
        history = guard.decide(history, 2).history();
        assertThat(history.givenUp()).isTrue();

        history = guard.afterCheck(guard.afterCheck(history, true), true);

        assertThat(history.givenUp()).isTrue();
        assertThat(guard.decide(history, 3).decision()).isEqualTo(GIVEN_UP);
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

    /** What the previous version wrote: the restarts in its window of M checks, and no count of OK checks. */
    @Test
    void aStateSavedByThePreviousVersionKeepsItsRestartsCountingUntilAStableRun(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(StateStore.FILE_NAME), """
                {"version":1,"journalSeq":0,"services":{
                  "web":{"checkCount":12,"restarts":{"restarts":[{"checkNumber":10,"at":"2024-03-01T11:59:00Z"},
                    {"checkNumber":11,"at":"2024-03-01T11:59:30Z"}],"givenUp":false,"givenUpAt":null}},
                  "db":{"checkCount":40,"restarts":{"restarts":[{"checkNumber":37,"at":"2024-03-01T11:00:00Z"}],
                    "givenUp":true,"givenUpAt":"2024-03-01T11:01:00Z"}}}}
                """);
        Map<String, ServiceRuntimeState> loaded = new StateStore(dir, clock).load();
        RestartHistory web = loaded.get("web").restarts();
        RestartHistory db = loaded.get("db").restarts();
        RestartGuard guard = new RestartGuard(RestartLimit.parse("3/5"), NO_PAUSE, clock);

        assertThat(web.counted()).as("both restarts still count").isEqualTo(2);
        assertThat(web.okChecks()).as("no OK check known since").isZero();
        assertThat(db.givenUp()).as("the old version alerted already").isTrue();
        RestartVerdict third = guard.decide(web, 13);
        assertThat(third.decision()).isEqualTo(RESTART);
        assertThat(guard.decide(third.history(), 14).decision()).isEqualTo(GAVE_UP);
        assertThat(guard.decide(db, 41).decision()).isEqualTo(GIVEN_UP);

        RestartHistory stable = web;
        for (int i = 0; i < 5; i++) {
            stable = guard.afterCheck(stable, true);
        }
        assertThat(stable).as("five OK checks after loading clear them").isEqualTo(RestartHistory.EMPTY);
    }

    @Test
    void backoffIsValidated() {
        assertThatThrownBy(() -> new RestartBackoff(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .hasMessage("restart backoff needs 0 <= base <= cap, not base=PT10S cap=PT5S");
    }
}
