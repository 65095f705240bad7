package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
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

        ServiceReset.Result result = ServiceReset.reset(stateDir, "web", Set.of("web"));

        assertThat(result).isEqualTo(new ServiceReset.Result(0,
                "web: reset (it was given up): restart count and flapping history cleared; no daemon is running, the"
                + " daemon will restart it again when needed"));
        assertThat(store.load().get("web").restarts().givenUp()).isFalse();
        assertThat(store.load().get("web").checkCount()).isEqualTo(5);
        assertThat(DaemonLock.holder(stateDir)).as("lock released").isEmpty();
    }

    @Test
    void anUnknownServiceIsAnErrorAndAConfiguredOneWithoutStateHasNothingToReset() throws Exception {
        new StateStore(stateDir).save(Map.of("web", Fixtures.givenUp(5)));

        assertThat(ServiceReset.reset(stateDir, "wbe", Set.of("web")).exitCode()).isEqualTo(3);
        assertThat(ServiceReset.reset(stateDir, "db", Set.of("web", "db")).message())
                .startsWith("db: nothing to reset");
    }

    @Test
    void aRunningDaemonsStateIsNeverChangedBehindItsBack() throws Exception {
        StateStore store = new StateStore(stateDir);
        store.save(Map.of("web", Fixtures.givenUp(5)));
        try (DaemonLock lock = DaemonLock.tryAcquire(stateDir).orElseThrow()) {
            ServiceReset.Result result = ServiceReset.reset(stateDir, "web", Set.of("web"));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.message()).contains("does not answer on its control socket");
            assertThat(store.load().get("web").restarts().givenUp()).isTrue();
        }
    }
}
