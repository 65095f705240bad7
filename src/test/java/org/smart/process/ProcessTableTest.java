package org.smart.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The table's rules on made-up processes; ProcessMatchingTest runs them on real ones. The membership rules are
 * CONFIGURATION.md's "What belongs to a service".
 */
class ProcessTableTest {

    private static ProcessInfo process(int pid, int ppid, char state, String comm, String... argv) {
        return new ProcessInfo(pid, ppid, pid, pid, state, comm, List.of(argv), 1000L + pid);
    }

    /** A process with its own group, of session {@code sid}, started at {@code start}. */
    private static ProcessInfo process(int pid, int ppid, int sid, long start, String comm, String... argv) {
        return new ProcessInfo(pid, ppid, pid, sid, 'S', comm, List.of(argv), start);
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
    void aTreeIsTheProcessAndItsLiveDescendantsNearestFirst() {
        assertThat(pids(table.treeOf(imap, "couriertcpd", "imapd"))).containsExactly(10, 12, 13);
        assertThat(pids(table.treeOf(renamed, "mydaemon", ""))).containsExactly(12, 13);
        assertThat(table.treeOf(pop, "couriertcpd", "pop3d")).containsExactly(pop);
    }

    @Test
    void paramTellsApartProcessesOfTheSameName() {
        assertThat(table.matching("couriertcpd", "imapd")).containsExactly(imap);
        assertThat(table.matching("couriertcpd", "pop3d")).containsExactly(pop);
        assertThat(table.matching("couriertcpd", "")).containsExactly(imap, pop);
        assertThat(table.matching("couriertcpd", "smtpd")).isEmpty();
    }

    @Test
    void nameIsArgv0BaseNameOrKernelName() {
        assertThat(table.matching("mydaemon", "")).containsExactly(renamed);
        assertThat(table.matching("sleep", "")).containsExactly(renamed);
        assertThat(table.matching("sh", "backup")).containsExactly(script);
        assertThat(table.matching("/usr/sbin/couriertcpd", "")).isEmpty();
    }

    @Test
    void kernelNameIsComparedWithTheNameCutTo15Bytes() {
        assertThat(table.matching("backup-watcher-daemon", "")).containsExactly(script);
        assertThat(table.matching("backup-watcher-", "")).containsExactly(script);
        assertThat(table.matching("backup-watcher", "")).isEmpty();
        assertThat(ProcessTable.asComm("gnome-keyring-daemon")).isEqualTo("gnome-keyring-d");
    }

    @Test
    void zombiesKernelThreadsAndExcludedPidsNeverMatch() {
        assertThat(table.matching("kthreadd", "")).isEmpty();
        assertThat(pids(table.matching("couriertcpd", ""))).doesNotContain(14);
    }

    @Test
    void rejectsTwoProcessesWithOnePid() {
        assertThatThrownBy(() -> ProcessTable.of(List.of(imap, imap)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pid 10 appears twice in the process table");
    }

    /** SMART run as a cron job: cron (100) forks a child (101) that leads the job's session, which runs SMART. */
    @Nested
    class SmartRunFromCron {

        private final ProcessInfo init = process(1, 0, 1, 1, "systemd", "/sbin/init");
        private final ProcessInfo cron = process(100, 1, 100, 500, "cron", "/usr/sbin/cron", "-f");
        private final ProcessInfo jobLeader = process(101, 100, 101, 600, "cron", "/usr/sbin/cron", "-f");
        private final ProcessInfo jobShell = process(102, 101, 101, 601, "sh", "/bin/sh", "-c", "smart -d");
        private final ProcessInfo smart = process(103, 102, 101, 602, "java", "java", "-jar", "smart.jar", "-d");
        private final ProcessInfo started = process(104, 103, 104, 700, "sleep", "sleep", "300");
        private final ProcessInfo otherJob = process(110, 100, 110, 650, "cron", "/usr/sbin/cron", "-f");
        private final ProcessInfo backup = process(111, 110, 110, 651, "sh", "/bin/sh", "-c", "backup");
        private final List<ProcessInfo> all = List.of(init, cron, jobLeader, jobShell, smart, started, otherJob, backup);
        private final ProcessTable table = ProcessTable.of(all, smart.pid());

        @Test
        void smartsJobIsNeverInThePidFileProcessTree() {
            assertThat(pids(table.treeOf(cron, "cron", ""))).containsExactly(100, 110, 111);
        }

        @Test
        void smartsJobIsNeverMatchedByNameButCronItselfIs() {
            assertThat(pids(table.matching("cron", ""))).containsExactly(100, 110);
            assertThat(table.matching("java", "smart.jar")).isEmpty();
            assertThat(table.matching("sh", "smart")).isEmpty();
        }

        @Test
        void withoutKnowingWhichProcessIsSmartItsJobWouldCount() {
            ProcessTable blind = ProcessTable.of(all);

            assertThat(pids(blind.matching("cron", ""))).containsExactly(100, 101, 110);
            assertThat(pids(blind.treeOf(cron, "cron", ""))).containsExactly(100, 101, 110, 102, 111, 103, 104);
        }

        @Test
        void smartAndEveryProcessItRunsUnderAreNeverSignalled() {
            assertThat(all).filteredOn(table::maySignal).extracting(ProcessInfo::pid).containsExactly(104, 110, 111);
        }
    }

    @Test
    void pidOneNeverMakesItsChildrenTheServices() {
        ProcessInfo containerInit = process(1, 0, 1, 10, "rbinit", "python3", "in.py");
        ProcessInfo child = process(20, 1, 1, 20, "rbdecoy", "rbdecoy", "1002");
        ProcessInfo adopted = process(21, 1, 21, 21, "rbdecoy", "rbdecoy", "1001");
        ProcessInfo sameName = process(22, 1, 1, 22, "rbinit", "python3", "in.py");
        ProcessTable container = ProcessTable.of(List.of(containerInit, child, adopted, sameName));

        assertThat(container.treeOf(containerInit, "rbinit", "")).containsExactly(containerInit);
        assertThat(container.maySignal(containerInit)).isFalse();
        assertThat(container.maySignal(child)).isTrue();
    }

    @Test
    void theInitOfAPidNamespaceSeenFromOutsideMakesNoChildrenTheServicesEither() {
        ProcessInfo namespaceInit = process(500, 0, 500, 10, "tini", "tini", "--", "app");
        ProcessInfo app = process(501, 500, 500, 20, "app", "app");

        assertThat(ProcessTable.of(List.of(namespaceInit, app)).treeOf(namespaceInit, "tini", ""))
                .containsExactly(namespaceInit);
    }

    @Test
    void aDescendantOlderThanThePidFileProcessWasAdoptedAndIsNotTheServices() {
        ProcessInfo main = process(200, 1, 200, 5000, "supervisor", "supervisor", "--main");
        ProcessInfo adoptedOrphan = process(201, 200, 201, 4000, "other", "other");
        ProcessInfo itsChild = process(202, 201, 201, 6000, "other", "other", "--worker");
        ProcessInfo adoptedInstance = process(203, 200, 203, 4500, "supervisor", "supervisor", "--main", "--worker");
        ProcessInfo worker = process(204, 200, 200, 5000, "supervisor", "supervisor", "--main", "--worker");
        ProcessTable table = ProcessTable.of(List.of(main, adoptedOrphan, itsChild, adoptedInstance, worker));

        assertThat(pids(table.treeOf(main, "supervisor", "--main"))).as("the older program of the service still counts")
                .containsExactly(200, 203, 204);
    }

    @Test
    void aChildThatExecdAnotherProgramIsTheServicesForTheServiceStartedIt() {
        ProcessInfo master = process(300, 1, 300, 100, "apache2", "/usr/sbin/apache2", "-k", "start");
        ProcessInfo worker = process(301, 300, 300, 101, "apache2", "/usr/sbin/apache2", "-k", "start");
        ProcessInfo cgi = process(302, 301, 300, 150, "perl", "/usr/bin/perl", "/usr/lib/cgi-bin/app.pl");
        ProcessInfo dead = new ProcessInfo(303, 300, 300, 300, 'Z', "apache2", List.of(), 160);
        ProcessTable table = ProcessTable.of(List.of(master, worker, cgi, dead));

        assertThat(pids(table.treeOf(master, "apache2", "start"))).containsExactly(300, 301, 302);
    }

    @Test
    void anotherInstanceOfTheProgramWithOtherArgumentsIsNotTheServicesProgram() {
        ProcessInfo appA = process(400, 1, 400, 10, "java", "java", "-jar", "/srv/a/app.jar");
        ProcessInfo appB = process(401, 1, 401, 11, "java", "java", "-jar", "/srv/b/app.jar");
        ProcessTable table = ProcessTable.of(List.of(appA, appB));

        assertThat(ProcessTable.matches(appB, "java", "/srv/a/")).isFalse();
        assertThat(table.matching("java", "/srv/a/")).containsExactly(appA);
    }

    @Test
    void inAContainerWhereEveryProcessSharesInitsSessionNoneIsSmartsJobButSmartItself() {
        ProcessInfo entryPoint = process(1, 0, 1, 1, "entry.sh", "/bin/sh", "/entry.sh");
        ProcessInfo fpm = process(7, 1, 1, 5, "php-fpm8.2", "php-fpm: master process");
        ProcessInfo smart = process(9, 1, 1, 6, "java", "java", "-jar", "smart.jar", "daemon");
        ProcessTable table = ProcessTable.of(List.of(entryPoint, fpm, smart), smart.pid());

        assertThat(table.matching("php-fpm8.2", "")).containsExactly(fpm);
        assertThat(table.matching("java", "")).isEmpty();
        assertThat(table.matching("entry.sh", "")).containsExactly(entryPoint);
        assertThat(table.maySignal(entryPoint)).isFalse();
    }
}
