package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smart.process.ProcFs;
import org.smart.process.ProcessInfo;
import org.smart.process.ProcessWatcher;

/** Watches on real processes: started here, killed here. */
class ProcessWatchesTest {

    private final List<Process> processes = new ArrayList<>();
    private final List<String> exits = new CopyOnWriteArrayList<>();
    private final ProcFs procFs = new ProcFs();
    private final ProcessWatches watches = new ProcessWatches(new ProcessWatcher(procFs, Duration.ofMillis(20)),
            (service, process) -> exits.add(service + " " + process.pid()));

    @AfterEach
    void cleanUp() throws InterruptedException {
        watches.close();
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private ProcessInfo sleeper() throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        processes.add(p);
        return procFs.read((int) p.pid()).orElseThrow();
    }

    private void kill(ProcessInfo p) {
        ProcessHandle.of(p.pid()).orElseThrow().destroyForcibly();
    }

    @Test
    void anExitIsReportedWithItsServiceAndTheWatchIsGone() throws Exception {
        ProcessInfo web = sleeper();
        ProcessInfo db = sleeper();
        watches.watch("web", List.of(web));
        watches.watch("db", List.of(db));

        kill(web);

        await().atMost(Duration.ofSeconds(5)).until(() -> !exits.isEmpty());
        assertThat(exits).containsExactly("web " + web.pid());
        assertThat(watches.size()).isEqualTo(1);
    }

    @Test
    void watchingAgainKeepsWatchesOfTheSameProcessesAndCancelsTheRest() throws Exception {
        ProcessInfo a = sleeper();
        ProcessInfo b = sleeper();
        watches.watch("web", List.of(a, b));
        watches.watch("web", List.of(a));

        kill(b);
        Thread.sleep(200);

        assertThat(exits).as("b is no longer watched").isEmpty();
        assertThat(watches.size()).isEqualTo(1);
        kill(a);
        await().atMost(Duration.ofSeconds(5)).until(() -> exits.size() == 1);
        assertThat(exits).containsExactly("web " + a.pid());
    }

    @Test
    void cancellingAServiceStopsItsWatches() throws Exception {
        ProcessInfo a = sleeper();
        watches.watch("web", List.of(a));

        watches.cancel("web");
        kill(a);
        Thread.sleep(200);

        assertThat(exits).isEmpty();
        assertThat(watches.size()).isZero();
    }

    @Test
    void atMostSoManyProcessesAreWatchedPerService() throws Exception {
        List<ProcessInfo> many = new ArrayList<>();
        for (int i = 0; i < ProcessWatches.MAX_PER_SERVICE + 3; i++) {
            many.add(sleeper());
        }

        watches.watch("web", many);

        assertThat(watches.size()).isEqualTo(ProcessWatches.MAX_PER_SERVICE);
        assertThat(exits).isEmpty();
    }
}
