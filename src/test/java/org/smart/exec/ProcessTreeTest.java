package org.smart.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A command's process tree is signalled only while each member is still the process that was seen. */
class ProcessTreeTest {

    private final MarkedProcesses marked = new MarkedProcesses();

    @AfterEach
    void killLeftovers() {
        marked.killAll();
    }

    @Test
    void aPidThatNowBelongsToAnotherProcessIsNotSignalled() throws Exception {
        Process sleep = start();
        ProcStat seen = ProcStat.of(sleep.pid()).orElseThrow();
        ProcStat earlierOwner = new ProcStat(seen.pid(), seen.ppid(), seen.sid(), 'S', seen.startTicks() - 1);

        new ProcessTree(seen.pid(), -1, List.of(earlierOwner)).signal(true);

        assertThat(sleep.waitFor(300, TimeUnit.MILLISECONDS)).as("the pid's new owner lives").isFalse();
        new ProcessTree(seen.pid(), -1, List.of(seen)).signal(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> !sleep.isAlive());
    }

    private Process start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sleep", "300");
        builder.environment().putAll(marked.environment());
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcStat.of(process.pid()).isPresent());
        return process;
    }
}
