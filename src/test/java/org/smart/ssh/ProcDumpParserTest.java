package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smart.process.ProcessInfo;
import org.smart.process.ProcessTable;

class ProcDumpParserTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String SEP = "\n" + TOKEN + "\n";
    /** tty_nr .. itrealvalue (proc(5) fields 7-21), then starttime (22), vsize, rss, rsslim. */
    private static final String STAT_TAIL = " 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 %d 1000 10 18446744073709551615\n";

    @Test
    void parsesStatAndCmdlineIncludingAwkwardNames() {
        byte[] dump = dump("42",
                stat(1, "init", 'S', 0, 1, 1, 24), "/sbin/init\0splash\0",
                stat(42, "a) (b) c", 'R', 1, 42, 7, 99), "prog\0arg with ) paren\0\n" + TOKEN + "x\0",
                stat(43, "kworker/0:1", 'I', 2, 0, 0, 5), "");

        ProcessTable processes = ProcDumpParser.parse(dump, TOKEN);

        assertThat(processes.all()).containsExactly(
                new ProcessInfo(1, 0, 1, 1, 'S', "init", List.of("/sbin/init", "splash"), 24),
                new ProcessInfo(42, 1, 42, 7, 'R', "a) (b) c", List.of("prog", "arg with ) paren", "\n" + TOKEN + "x"), 99),
                new ProcessInfo(43, 2, 0, 0, 'I', "kworker/0:1", List.of(), 5));
        assertThat(processes.get(42)).get().matches(lister -> !processes.maySignal(lister), "the listing shell is SMART's");
        assertThat(processes.get(1)).get().matches(init -> !processes.maySignal(init), "init is never signalled");
    }

    @Test
    void aListingWithoutItsOwnPidIsRefused() {
        byte[] dump = dump(stat(7, "sh", 'S', 1, 7, 7, 3), "sh\0");

        assertThatThrownBy(() -> ProcDumpParser.parse(dump, TOKEN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the process listing does not start with its own pid");
    }

    @Test
    void aProcessThatEndedWhileBeingReadIsSkipped() {
        byte[] dump = dump("99", "", "", stat(7, "sh", 'S', 1, 7, 7, 3), "sh\0");

        assertThat(ProcDumpParser.parse(dump, TOKEN).all()).extracting(ProcessInfo::pid).containsExactly(7);
    }

    private static String stat(int pid, String comm, char state, int ppid, int pgid, int sid, long start) {
        return pid + " (" + comm + ") " + state + " " + ppid + " " + pgid + " " + sid + STAT_TAIL.formatted(start);
    }

    /** The listing shell's pid, then stat/cmdline pairs, each followed by the separator. */
    private static byte[] dump(String... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String piece : pieces) {
            out.writeBytes((piece + SEP).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
