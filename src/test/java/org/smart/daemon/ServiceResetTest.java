package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.state.StateStore;

class ServiceResetTest {

    @TempDir
    Path stateDir;

    @Test
    void withoutADaemonTheSavedStateIsChangedUnderTheLock() throws Exception {
        StateStore store = new StateStore(stateDir);
        store.save(Map.of("web", Fixtures.givenUp(5)));

        ServiceReset.Result result = ServiceReset.reset(stateDir, "web", Set.of("web"), Duration.ofSeconds(1));

        assertThat(result).isEqualTo(new ServiceReset.Result(0,
                "web: reset (it was given up); no daemon is running, the daemon will restart it again when needed"));
        assertThat(store.load().get("web").restarts().givenUp()).isFalse();
        assertThat(store.load().get("web").checkCount()).isEqualTo(5);
        assertThat(DaemonLock.holder(stateDir)).as("lock released").isEmpty();
    }

    @Test
    void anUnknownServiceIsAnErrorAndAConfiguredOneWithoutStateHasNothingToReset() throws Exception {
        new StateStore(stateDir).save(Map.of("web", Fixtures.givenUp(5)));

        assertThat(ServiceReset.reset(stateDir, "wbe", Set.of("web"), Duration.ofSeconds(1)).exitCode()).isEqualTo(3);
        assertThat(ServiceReset.reset(stateDir, "db", Set.of("web", "db"), Duration.ofSeconds(1)).message())
                .startsWith("db: nothing to reset");
    }

    @Test
    void aRunningDaemonIsAskedAndTheAnswerWaitsUntilItActed() throws Exception {
        new StateStore(stateDir).save(Map.of("web", Fixtures.givenUp(5)));
        ResetRequests requests = new ResetRequests(stateDir);
        try (DaemonLock lock = DaemonLock.tryAcquire(stateDir).orElseThrow()) {
            CompletableFuture<ServiceReset.Result> asked = CompletableFuture.supplyAsync(() -> {
                try {
                    return ServiceReset.reset(stateDir, "web", Set.of("web"), Duration.ofSeconds(10));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ResetRequests.Request request = awaitRequest(requests);
            assertThat(request.service()).isEqualTo("web");
            assertThat(asked).isNotDone();

            requests.done(request);

            assertThat(asked.get().exitCode()).isZero();
            assertThat(asked.get().message()).isEqualTo("web: reset (it was given up); the daemon (pid "
                    + ProcessHandle.current().pid() + ") restarts it again when needed");
            assertThat(Files.list(stateDir.resolve("requests"))).isEmpty();
        }
    }

    @Test
    void aDaemonThatDoesNotAnswerLeavesTheRequestWaiting() throws Exception {
        new StateStore(stateDir).save(Map.of("web", Fixtures.givenUp(5)));
        try (DaemonLock lock = DaemonLock.tryAcquire(stateDir).orElseThrow()) {
            ServiceReset.Result result = ServiceReset.reset(stateDir, "web", Set.of("web"), Duration.ofMillis(200));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(new ResetRequests(stateDir).pending()).extracting(ResetRequests.Request::service)
                    .containsExactly("web");
        }
    }

    private static ResetRequests.Request awaitRequest(ResetRequests requests) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (!requests.pending().isEmpty()) {
                return requests.pending().get(0);
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no request arrived");
    }
}
