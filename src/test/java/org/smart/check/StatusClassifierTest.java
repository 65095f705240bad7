package org.smart.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusClassifierTest {

    @ParameterizedTest(name = "{0}, in bounds {1}, pid file ok {2} -> status {3}")
    @CsvSource({
        // The original's five cases (SPEC section 3), every combination.
        "RESPONDING,     true,  true,  0",
        "RESPONDING,     true,  false, 1",
        "RESPONDING,     false, true,  2",
        "RESPONDING,     false, false, 2",
        "NO_TOOL,        false, true,  3",
        "NO_TOOL,        false, false, 3",
        "NO_TOOL,        true,  true,  0",
        "NO_TOOL,        true,  false, 1",
        "NOT_RESPONDING, true,  true,  4",
        "NOT_RESPONDING, true,  false, 4",
        "NOT_RESPONDING, false, true,  4",
        "NOT_RESPONDING, false, false, 4",
        // A plugin's WARNING: responding but degraded, WARN whatever the count and the pid file say.
        "DEGRADED,       true,  true,  2",
        "DEGRADED,       true,  false, 2",
        "DEGRADED,       false, true,  2",
        "DEGRADED,       false, false, 2",
    })
    void classifiesLikeTheOriginal(Responsiveness probe, boolean inBounds, boolean pidFileOk, int expected) {
        assertThat(StatusClassifier.classify(probe, inBounds, pidFileOk).code()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "exit {0}, Nagios plugin {1} -> {2}")
    @CsvSource({
        "0,  true,  RESPONDING",
        "1,  true,  DEGRADED",
        "2,  true,  NOT_RESPONDING",
        "3,  true,  NOT_RESPONDING",
        "4,  true,  NOT_RESPONDING",
        "-1, true,  NOT_RESPONDING",
        "0,  false, RESPONDING",
        "1,  false, NOT_RESPONDING",
        "2,  false, NOT_RESPONDING",
    })
    void readsAPluginsExitCodeAsItsState(int exitCode, boolean nagiosPlugin, Responsiveness expected) {
        assertThat(Responsiveness.ofExitCode(exitCode, nagiosPlugin)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, OK", "1, OK", "2, WARN", "3, DOWN", "4, DOWN"})
    void groupsStatusesIntoStates(int code, State state) {
        assertThat(Status.ofCode(code).state()).isEqualTo(state);
    }
}
