package org.smart.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ProcessWatcherTest {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessWatcherTest.class);
    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    @RegisterExtension
    final TestProcesses processes = new TestProcesses();
    private final ProcFs procFs = new ProcFs();
    private final ProcessWatcher watcher = new ProcessWatcher(procFs, ProcessWatcher.DEFAULT_INTERVAL);

    @AfterEach
    void closeWatcher() {
        watcher.close();
    }

    @Test
    void callsBackSoonAfterAChildIsKilled() {
        ProcessInfo sleep = processes.startSleep();
        AtomicLong calledAt = new AtomicLong();
        watcher.watch(sleep, () -> calledAt.set(System.nanoTime()));

        long killedAt = System.nanoTime();
        ProcessHandle.of(sleep.pid()).orElseThrow().destroyForcibly();

        await().atMost(PROMPTLY).until(() -> calledAt.get() != 0);
        LOG.info("exit of child noticed after {} ms", (calledAt.get() - killedAt) / 1_000_000);
        assertThat(watcher.size()).isZero();
    }

    @Test
    void aWatcherThatHadNothingToWatchWakesForTheFirstWatchAndAgainAfterItsLastEnded() {
        for (int round = 0; round < 2; round++) {
            await().pollDelay(Duration.ofMillis(300)).atMost(PROMPTLY).until(() -> watcher.size() == 0);
            ProcessInfo sleep = processes.startSleep();
            AtomicInteger calls = new AtomicInteger();
            watcher.watch(sleep, calls::incrementAndGet);

            ProcessHandle.of(sleep.pid()).orElseThrow().destroyForcibly();

            await().atMost(PROMPTLY).until(() -> calls.get() == 1);
        }
    }

    @Test
    void callsBackForAProcessThatIsNotAChildOfThisJvm() {
        ProcessInfo orphan = processes.startOrphan("exec sleep 300 " + TestProcesses.token());
        AtomicLong calledAt = new AtomicLong();
        watcher.watch(orphan, () -> calledAt.set(System.nanoTime()));

        long killedAt = System.nanoTime();
        ProcessHandle.of(orphan.pid()).orElseThrow().destroyForcibly();

        await().atMost(PROMPTLY).until(() -> calledAt.get() != 0);
        LOG.info("exit of non-child noticed after {} ms", (calledAt.get() - killedAt) / 1_000_000);
    }

    @Test
    void aZombieHasExitedEvenWhileNobodyReapsIt() {
        String token = TestProcesses.token();
        // The child exits after a moment; its parent, now a sleep, never reaps it.
        Process parent = processes.start("sh", "-c", "sleep 0.5 " + token + " & exec sleep 300 " + token);
        ProcessInfo child = await().atMost(Duration.ofSeconds(10)).until(
                () -> procFs.snapshot().all().stream().filter(p -> p.ppid() == parent.pid()).findFirst().orElse(null),
                found -> found != null && !found.isZombie() && found.argv().contains(token));
        AtomicInteger calls = new AtomicInteger();
        watcher.watch(child, calls::incrementAndGet);

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);

        assertThat(procFs.read(child.pid())).get().extracting(ProcessInfo::isZombie).isEqualTo(true);
    }

    @Test
    void cancelledWatchIsNeverCalled() {
        ProcessInfo sleep = processes.startSleep();
        AtomicInteger cancelledCalls = new AtomicInteger();
        AtomicInteger keptCalls = new AtomicInteger();
        ProcessWatcher.Watch cancelled = watcher.watch(sleep, cancelledCalls::incrementAndGet);
        watcher.watch(sleep, keptCalls::incrementAndGet);

        cancelled.cancel();
        ProcessHandle.of(sleep.pid()).orElseThrow().destroyForcibly();

        // Both are looked at in the same round, so once one is called the other would have been.
        await().atMost(PROMPTLY).until(() -> keptCalls.get() == 1);
        assertThat(cancelledCalls).hasValue(0);
        assertThat(watcher.size()).isZero();
    }

    @Test
    void processGoneOrReplacedBeforeTheWatchIsReportedAtOnce() throws InterruptedException {
        String token = TestProcesses.token();
        Process exited = processes.start("sleep", "300", token);
        ProcessInfo gone = processes.awaitExec(exited, token);
        exited.destroyForcibly().waitFor();
        ProcessInfo running = processes.startSleep();
        ProcessInfo earlierOwnerOfThePid = TestProcesses.earlierOwnerOfPid(running);
        AtomicInteger calls = new AtomicInteger();

        watcher.watch(gone, calls::incrementAndGet);
        watcher.watch(earlierOwnerOfThePid, calls::incrementAndGet);

        await().atMost(PROMPTLY).until(() -> calls.get() == 2);
        assertThat(procFs.isRunning(running)).isTrue();
    }

    @Test
    void failingCallbackDoesNotStopTheWatcher() {
        ProcessInfo first = processes.startSleep();
        ProcessInfo second = processes.startSleep();
        AtomicInteger calls = new AtomicInteger();
        watcher.watch(first, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("callback bug");
        });
        watcher.watch(second, calls::incrementAndGet);

        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
        await().atMost(PROMPTLY).until(() -> calls.get() == 1);
        ProcessHandle.of(second.pid()).orElseThrow().destroyForcibly();

        await().atMost(PROMPTLY).until(() -> calls.get() == 2);
    }

    @Test
    void refusesNewWatchesOnceClosed() {
        ProcessInfo sleep = processes.startSleep();
        watcher.close();

        assertThatThrownBy(() -> watcher.watch(sleep, () -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("process watcher is closed");
    }
}
