package org.smart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smart.check.Status;

class BuildSmokeTest {
    @Test
    void statusCodesRoundTrip() {
        for (Status s : Status.values()) {
            assertThat(Status.ofCode(s.code())).isEqualTo(s);
        }
    }
}
