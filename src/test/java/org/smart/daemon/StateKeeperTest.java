package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.check.Status;
import org.smart.state.StateStore;

class StateKeeperTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private final RecordingActions actions = new RecordingActions();
    private final Supervisor supervisor = new Supervisor(clock, actions);

    private StateKeeper keeper(Path stateDir) {
        return new StateKeeper(new StateStore(stateDir, clock), supervisor,
                () -> new LiveView(1, "", "", "", List.of()), clock);
    }

    @Test
    void savesWhatChangedAtMostAboutOnceASecond() throws Exception {
        supervisor.start(List.of(Fixtures.service("web")), Map.of());
        StateKeeper keeper = keeper(dir);
        StateStore store = new StateStore(dir, clock);

        keeper.saveIfDue();
        assertThat(store.load().get("web").checkCount()).isZero();

        supervisor.onResult("web", Fixtures.check(Fixtures.service("web"), Status.OK), clock.instant());
        keeper.saveIfDue();
        assertThat(store.load().get("web").checkCount()).as("too soon after the last save").isZero();

        clock.advance(Duration.ofSeconds(1));
        keeper.saveIfDue();
        assertThat(store.load().get("web").checkCount()).isEqualTo(1);
        assertThat(dir.resolve(LiveView.FILE_NAME)).exists();
    }

    @Test
    void aFailedSaveIsTriedAgain() throws Exception {
        supervisor.start(List.of(Fixtures.service("web")), Map.of());
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        keeper(notADirectory).saveNow();

        assertThat(supervisor.takeDirty()).as("still to be saved").isTrue();
    }
}
