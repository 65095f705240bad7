package org.smart.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProcessKillerTest {

    private static final Duration GRACE = Duration.ofSeconds(5);

    @RegisterExtension
    final TestProcesses processes = new TestProcesses();
    private final ProcFs procFs = new ProcFs();
    private final ProcessKiller killer = new ProcessKiller(procFs);

    @Test
    void termStopsProcessesChildOrNot() {
        ProcessInfo child = processes.startSleep();
        ProcessInfo orphan = processes.startOrphan("exec sleep 300 " + TestProcesses.token());

        StopReport report = killer.stop(List.of(child, orphan), GRACE);

        assertThat(report.terminated()).containsExactly(child, orphan);
        assertThat(report.killed()).isEmpty();
        assertThat(report.allStopped()).isTrue();
        assertThat(report.summary()).isEqualTo("stopped 2 processes: 2 by TERM, 0 by KILL");
        assertThat(procFs.isRunning(child)).isFalse();
        assertThat(procFs.isRunning(orphan)).isFalse();
    }

    @Test
    void processIgnoringTermIsKilledAfterTheGracePeriod() {
        String token = TestProcesses.token();
        Process shell = processes.start("sh", "-c", "trap '' TERM; read line", "stubborn", token);
        ProcessInfo stubborn = processes.awaitExec(shell, token);
        await().atMost(Duration.ofSeconds(10)).until(() -> ignoresTerm(stubborn.pid()));
        ProcessInfo polite = processes.startSleep();

        StopReport report = killer.stop(List.of(stubborn, polite), Duration.ofMillis(300));

        assertThat(report.terminated()).containsExactly(polite);
        assertThat(report.killed()).containsExactly(stubborn);
        assertThat(report.survivors()).isEmpty();
        assertThat(report.summary()).isEqualTo("stopped 2 processes: 1 by TERM, 1 by KILL");
        assertThat(procFs.isRunning(stubborn)).isFalse();
    }

    @Test
    void processWhosePidWasReusedIsNeverSignalled() throws InterruptedException {
        String token = TestProcesses.token();
        Process sleep = processes.start("sleep", "300", token);
        ProcessInfo current = processes.awaitExec(sleep, token);
        ProcessInfo earlierOwnerOfThePid = TestProcesses.earlierOwnerOfPid(current);

        StopReport report = killer.stop(List.of(earlierOwnerOfThePid), GRACE);

        assertThat(report.alreadyGone()).containsExactly(earlierOwnerOfThePid);
        assertThat(report.terminated()).isEmpty();
        assertThat(report.summary()).isEqualTo("stopped 0 processes: 0 by TERM, 0 by KILL; already gone: " + current.pid());
        // A TERM would end the sleep within milliseconds.
        assertThat(sleep.waitFor(500, TimeUnit.MILLISECONDS)).as("sleep was signalled").isFalse();
        assertThat(procFs.isRunning(current)).isTrue();
    }

    @Test
    void processThatExitedBeforeIsReportedNotSignalled() throws InterruptedException {
        String token = TestProcesses.token();
        Process sleep = processes.start("sleep", "300", token);
        ProcessInfo gone = processes.awaitExec(sleep, token);
        sleep.destroyForcibly().waitFor();

        StopReport report = killer.stop(List.of(gone), GRACE);

        assertThat(report.alreadyGone()).containsExactly(gone);
        assertThat(report.allStopped()).isTrue();
    }

    @Test
    void neverSignalsItself() {
        ProcessInfo self = procFs.read((int) ProcessHandle.current().pid()).orElseThrow();

        StopReport report = killer.stop(List.of(self), GRACE);

        assertThat(report.refused()).containsExactly(self);
        assertThat(report.allStopped()).isFalse();
        assertThat(report.summary()).endsWith("; not signalled (pid 1 or SMART's own): " + self.pid());
    }

    /** Whether SIGTERM (15, bit 14) is in the process's ignored-signal mask. */
    private static boolean ignoresTerm(int pid) throws IOException {
        String mask = Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("SigIgn:")).findFirst().orElseThrow().substring(7).strip();
        return (Long.parseUnsignedLong(mask, 16) & (1L << 14)) != 0;
    }
}
