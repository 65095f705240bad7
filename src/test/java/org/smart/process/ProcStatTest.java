package org.smart.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    private static final String REST = " 1 4242 4242 0 -1 4194560 93 0 0 0 0 0 0 0 20 0 1 0 98765 8704000 200";

    @Test
    void readsTheFieldsAfterTheName() {
        ProcStat stat = ProcStat.parse("4243 (sshd) S" + REST);

        assertThat(stat).isEqualTo(new ProcStat(4243, "sshd", 'S', 1, 4242, 4242, 98765));
    }

    @Test
    void nameEndsAtTheLastParenthesisSoSpacesAndParenthesesInItAreKept() {
        ProcStat stat = ProcStat.parse("4243 (a) (b) Z c) Z" + REST);

        assertThat(stat.comm()).isEqualTo("a) (b) Z c");
        assertThat(stat.state()).isEqualTo('Z');
        assertThat(stat.startTicks()).isEqualTo(98765);
        assertThat(stat.isZombie()).isTrue();
    }

    @Test
    void rejectsATornLineQuotingIt() {
        assertThatThrownBy(() -> ProcStat.parse("4243 (sshd) S 1 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed /proc stat line: '4243 (sshd) S 1 2'");
        assertThatThrownBy(() -> ProcStat.parse(""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
