package org.smart.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smart.check.State;

class RecoverModeTest {

    @ParameterizedTest
    @CsvSource({"d, D", "w, W", "wd, WD", "dw, WD", "WD, WD", "' d ', D", "none, NONE", "NONE, NONE"})
    void parsesTheLetters(String text, RecoverMode expected) {
        assertThat(RecoverMode.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"x", "wdd", "w d", "all", "n"})
    void rejectsAnythingElseQuotingTheValue(String text) {
        assertThatThrownBy(() -> RecoverMode.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RECOVER must be d, w, wd or none, not '" + text + "'");
    }

    @Test
    void theDefaultRepairsDownServicesOnly() {
        assertThat(RecoverMode.DEFAULT).isEqualTo(RecoverMode.D);
        assertThat(RecoverMode.D.restarts(State.DOWN, true)).isTrue();
        assertThat(RecoverMode.D.restarts(State.WARN, true)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "NONE, OK, false", "NONE, WARN, false", "NONE, DOWN, false",
        "W, OK, false", "W, WARN, true", "W, DOWN, false",
        "WD, OK, false", "WD, WARN, true", "WD, DOWN, true", "WD, UNREACHABLE, false",
    })
    void restartsTheStatesItNames(RecoverMode mode, State state, boolean expected) {
        assertThat(mode.restarts(state, true)).isEqualTo(expected);
        assertThat(mode.restarts(state, false)).as("no start command").isFalse();
    }

    @Test
    void sharesItsLettersWithTheOneShotFlags() {
        assertThat(CliMode.ofLetters("w")).isEqualTo(CliMode.W);
        assertThat(CliMode.ofLetters("d")).isEqualTo(CliMode.D);
        assertThat(CliMode.ofLetters("wd")).isEqualTo(CliMode.WD);
        assertThatThrownBy(() -> CliMode.ofLetters("none"))
                .hasMessage("recovery flag must be w, d or wd, not 'none'");
    }
}
