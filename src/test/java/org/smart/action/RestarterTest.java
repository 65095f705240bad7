package org.smart.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestarterTest {

    @Test
    void aFailedStartIsReportedWithTheLastLinesOfItsOutputOnOneLine() {
        String output = "step 1\nstep 2\n\n  step 3  \nstep 4\r\nwarning: old option\nerror: cannot bind\n";

        assertThat(Restarter.said(output))
                .isEqualTo(": step 2 / step 3 / step 4 / warning: old option / error: cannot bind");
        assertThat(Restarter.said("")).isEmpty();
        assertThat(Restarter.said("\n \n")).isEmpty();
    }
}
