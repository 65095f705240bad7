package org.smart.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginStateTest {

    @ParameterizedTest
    @CsvSource({"0, OK", "1, WARNING", "2, CRITICAL", "3, UNKNOWN", "4, UNKNOWN", "127, UNKNOWN", "255, UNKNOWN",
            "-1, UNKNOWN"})
    void mapsExitCodes(int exitCode, PluginState state) {
        assertThat(PluginState.ofExitCode(exitCode)).isEqualTo(state);
    }

    @ParameterizedTest
    @CsvSource({"OK, 0", "WARNING, 1", "CRITICAL, 2", "UNKNOWN, 3"})
    void hasItsExitCode(PluginState state, int exitCode) {
        assertThat(state.exitCode()).isEqualTo(exitCode);
    }
}
