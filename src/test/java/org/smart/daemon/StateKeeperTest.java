package org.smart.daemon;

import org.smart.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.check.Status;
import org.smart.model.ServiceSpec;
import org.smart.state.StateStore;

class StateKeeperTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final Supervisor supervisor = new Supervisor(clock, new RecordingActions());
    private final ServiceSpec web = Fixtures.service("web");

    private StateKeeper keeper(Path stateDir) {
        return new StateKeeper(new StateStore(stateDir, clock), supervisor,
                () -> new LiveView(1, "", "", "", List.of()), clock);
    }

    private long savedChecks() {
        return new StateStore(dir, clock).load().get("web").checkCount();
    }

    @Test
    void aRoutineResultIsSavedWithinFiveSecondsANotableOneWithinOne() {
        supervisor.start(List.of(web), Map.of());
        StateKeeper keeper = keeper(dir);
        keeper.saveNow();

        supervisor.onResult("web", Fixtures.check(web, Status.OK), clock.instant());
        keeper.saveIfDue();
        assertThat(savedChecks()).as("too soon after the last save").isZero();
        clock.advance(Duration.ofSeconds(1));
        keeper.saveIfDue();
        assertThat(savedChecks()).as("the first result since the start is notable").isEqualTo(1);
        assertThat(dir.resolve(LiveView.FILE_NAME)).exists();

        supervisor.onResult("web", Fixtures.check(web, Status.OK), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        keeper.saveIfDue();
        assertThat(savedChecks()).as("only a count moved on").isEqualTo(1);
        clock.advance(Duration.ofSeconds(4));
        keeper.saveIfDue();
        assertThat(savedChecks()).isEqualTo(2);

        supervisor.onResult("web", Fixtures.check(web, Status.NOT_RUNNING), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        keeper.saveIfDue();
        assertThat(savedChecks()).isEqualTo(3);
    }

    @Test
    void aFailedSaveIsTriedAgain() throws Exception {
        supervisor.start(List.of(web), Map.of());
        Path blocked = Files.writeString(dir.resolve("state"), "a file where the directory should be");
        StateKeeper keeper = keeper(blocked);
        keeper.saveNow();

        Files.delete(blocked);
        clock.advance(Duration.ofSeconds(1));
        keeper.saveIfDue();

        assertThat(new StateStore(blocked, clock).load()).containsKey("web");
    }

    @Test
    void resultsGoToTheJournalAndTheWholeStateIsWrittenOnRequest() throws Exception {
        supervisor.start(List.of(web, Fixtures.service("db")), Map.of());
        StateKeeper keeper = keeper(dir);
        keeper.saveNow();
        Path snapshot = dir.resolve(StateStore.FILE_NAME);
        Path journal = dir.resolve("state.journal");
        byte[] first = Files.readAllBytes(snapshot);
        assertThat(journal).doesNotExist();

        supervisor.onResult("web", Fixtures.check(web, Status.OK), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        keeper.saveIfDue();

        assertThat(Files.readAllBytes(snapshot)).as("the snapshot is left as it was").isEqualTo(first);
        assertThat(Files.readAllLines(journal)).as("only the service that changed").hasSize(1).allMatch(l -> l.contains("\"web\""));
        assertThat(savedChecks()).isEqualTo(1);

        keeper.saveNow();

        assertThat(journal).doesNotExist();
        assertThat(savedChecks()).isEqualTo(1);
    }
}
