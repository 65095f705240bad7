package org.smart.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void parsesAStatLineWhoseNameHoldsSpacesAndParentheses() {
        String line = "4242 (my (odd) name) S 4200 4242 4242 0 -1 4194560 120 0 0 0 1 2 0 0 20 0 1 0 987654 1000 50";

        ProcStat stat = ProcStat.parse(4242, line);

        assertThat(stat).isEqualTo(new ProcStat(4242, 4200, 4242, 'S', 987654));
        assertThat(stat.dead()).isFalse();
    }

    @Test
    void zombiesAreDead() {
        assertThat(ProcStat.parse(7, "7 (sh) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0").dead()).isTrue();
    }

    @Test
    void readsThisProcessFromProc() {
        long self = ProcessHandle.current().pid();

        assertThat(ProcStat.of(self)).hasValueSatisfying(stat -> {
            assertThat(stat.pid()).isEqualTo(self);
            assertThat(stat.ppid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
            assertThat(stat.stillAlive()).isTrue();
        });
        assertThat(ProcStat.all()).anyMatch(stat -> stat.pid() == self);
    }
}
