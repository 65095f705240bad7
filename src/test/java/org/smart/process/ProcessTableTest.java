package org.smart.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table's rules on made-up processes; ProcessMatchingTest runs them on real ones. */
class ProcessTableTest {

    private static ProcessInfo process(int pid, int ppid, char state, String comm, String... argv) {
        return new ProcessInfo(pid, ppid, pid, pid, state, comm, List.of(argv), 1000L + pid);
    }

    private static List<Integer> pids(List<ProcessInfo> processes) {
        return processes.stream().map(ProcessInfo::pid).toList();
    }

    private final ProcessInfo init = process(1, 0, 'S', "init", "/sbin/init");
    private final ProcessInfo kthreadd = process(2, 0, 'S', "kthreadd");
    private final ProcessInfo imap = process(10, 1, 'S', "couriertcpd", "/usr/sbin/couriertcpd", "-nodnslookup", "imapd");
    private final ProcessInfo pop = process(11, 1, 'S', "couriertcpd", "/usr/sbin/couriertcpd", "-nodnslookup", "pop3d");
    private final ProcessInfo renamed = process(12, 10, 'S', "sleep", "mydaemon", "300");
    private final ProcessInfo script = process(13, 12, 'S', "backup-watcher-", "/bin/sh", "/opt/backup-watcher-daemon", "-q");
    private final ProcessInfo zombie = process(14, 13, 'Z', "couriertcpd");
    private final ProcessTable table = ProcessTable.of(List.of(script, zombie, init, kthreadd, imap, pop, renamed));

    @Test
    void listsAllByPidAndFindsOne() {
        assertThat(pids(table.all())).containsExactly(1, 2, 10, 11, 12, 13, 14);
        assertThat(table.get(12)).contains(renamed);
        assertThat(table.get(99)).isEmpty();
    }

    @Test
    void descendantsAreNearestFirstAndExcludeTheProcessItself() {
        assertThat(pids(table.descendantsOf(1))).containsExactly(10, 11, 12, 13, 14);
        assertThat(pids(table.descendantsOf(12))).containsExactly(13, 14);
        assertThat(table.descendantsOf(14)).isEmpty();
        assertThat(table.descendantsOf(999)).isEmpty();
    }

    @Test
    void paramTellsApartProcessesOfTheSameName() {
        assertThat(table.matching("couriertcpd", "imapd", Set.of())).containsExactly(imap);
        assertThat(table.matching("couriertcpd", "pop3d", Set.of())).containsExactly(pop);
        assertThat(table.matching("couriertcpd", "", Set.of())).containsExactly(imap, pop);
        assertThat(table.matching("couriertcpd", "smtpd", Set.of())).isEmpty();
    }

    @Test
    void nameIsArgv0BaseNameOrKernelName() {
        assertThat(table.matching("mydaemon", "", Set.of())).containsExactly(renamed);
        assertThat(table.matching("sleep", "", Set.of())).containsExactly(renamed);
        assertThat(table.matching("sh", "backup", Set.of())).containsExactly(script);
        assertThat(table.matching("/usr/sbin/couriertcpd", "", Set.of())).isEmpty();
    }

    @Test
    void kernelNameIsComparedWithTheNameCutTo15Bytes() {
        assertThat(table.matching("backup-watcher-daemon", "", Set.of())).containsExactly(script);
        assertThat(table.matching("backup-watcher-", "", Set.of())).containsExactly(script);
        assertThat(table.matching("backup-watcher", "", Set.of())).isEmpty();
        assertThat(ProcessTable.asComm("gnome-keyring-daemon")).isEqualTo("gnome-keyring-d");
    }

    @Test
    void zombiesKernelThreadsAndExcludedPidsNeverMatch() {
        assertThat(table.matching("kthreadd", "", Set.of())).isEmpty();
        assertThat(table.matching("couriertcpd", "", Set.of(10))).containsExactly(pop);
        assertThat(pids(table.matching("couriertcpd", "", Set.of()))).doesNotContain(14);
    }

    @Test
    void rejectsTwoProcessesWithOnePid() {
        assertThatThrownBy(() -> ProcessTable.of(List.of(imap, imap)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pid 10 appears twice in the process table");
    }
}
