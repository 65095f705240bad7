package org.smart.state;

import org.smart.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.check.State;

class StateStoreTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-06T07:08:09Z"));

    /** A state in which no field has its default value. */
    private static ServiceRuntimeState everyFieldSet() {
        Instant t = Instant.parse("2024-05-06T07:00:00.123456789Z");
        return new ServiceRuntimeState(
                List.of(new RecentResult(t, 4, State.DOWN), new RecentResult(t.plusSeconds(60), 0, State.OK),
                        new RecentResult(t.plusSeconds(120), 3, State.UNREACHABLE)),
                new FlappingHistory(0b1010_0000_0000_0000_0101, State.WARN, true),
                new CheckState(State.WARN, StateType.SOFT, 2, State.DOWN),
                new RestartHistory(List.of(new RestartRecord(7, t.minusSeconds(30)), new RestartRecord(9, t)), 2, true,
                        t.plusSeconds(1)),
                new NotificationRecord(NotificationKind.GIVEN_UP, t.plusSeconds(2)),
                true,
                42,
                t.plusSeconds(120),
                "sha256:abc");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    @Test
    void roundTripsEveryField() throws IOException {
        Path dir = tmp.resolve("state");
        Map<String, ServiceRuntimeState> states = Map.of("apache", everyFieldSet(),
                "cron", ServiceRuntimeState.fresh("sha256:def"));

        new StateStore(dir, clock).save(states);

        assertThat(new StateStore(dir, clock).load()).isEqualTo(states);
    }

    @Test
    void readingForAStatusLeavesEverythingOnDiskAsItWas() throws IOException {
        StateStore store = new StateStore(tmp, clock);
        store.save(Map.of("apache", everyFieldSet()));
        Path unfinished = Files.writeString(tmp.resolve("state.json.123.tmp"), "{\"vers");

        assertThat(store.read()).containsExactly(Map.entry("apache", everyFieldSet()));
        assertThat(new StateStore(tmp.resolve("none"), clock).read()).isEmpty();

        Files.writeString(store.file(), "{ not json");
        org.assertj.core.api.Assertions.assertThatThrownBy(store::read).isInstanceOf(IOException.class)
                .hasMessageStartingWith("state file " + store.file() + " cannot be understood: ");
        assertThat(files(tmp)).containsExactly(store.file(), unfinished);
    }

    @Test
    void createsAnOwnerOnlyDirectoryAndFile() throws IOException {
        Path dir = tmp.resolve("var/lib/smart");
        StateStore store = new StateStore(dir, clock);

        store.save(Map.of("a", ServiceRuntimeState.fresh("x")));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(files(dir)).containsExactly(store.file());
    }

    @Test
    void aMissingFileIsAnEmptyState() {
        assertThat(new StateStore(tmp.resolve("none"), clock).load()).isEmpty();
    }

    @Test
    void saveReplacesTheWholeState() throws IOException {
        StateStore store = new StateStore(tmp, clock);
        store.save(Map.of("a", ServiceRuntimeState.fresh("1"), "b", ServiceRuntimeState.fresh("2")));
        store.save(Map.of("b", ServiceRuntimeState.fresh("3")));

        assertThat(store.load()).isEqualTo(Map.of("b", ServiceRuntimeState.fresh("3")));
        assertThat(files(tmp)).containsExactly(store.file());
    }

    @Test
    void aTruncatedTempFileFromACrashIsIgnoredAndRemoved() throws IOException {
        StateStore store = new StateStore(tmp, clock);
        Map<String, ServiceRuntimeState> saved = Map.of("apache", everyFieldSet());
        store.save(saved);
        // A crash between writing the temporary file and renaming it leaves this behind:
        String full = Files.readString(store.file());
        Path stray = tmp.resolve("state.json.8151234.tmp");
        Files.writeString(stray, full.substring(0, full.length() / 2));

        assertThat(store.load()).isEqualTo(saved);
        assertThat(files(tmp)).containsExactly(store.file());
    }

    @Test
    void aCorruptFileIsSetAsideAndLoadingStartsEmpty() throws IOException {
        StateStore store = new StateStore(tmp, clock);
        String garbage = "{\"version\":1,\"services\":{\"apache\":{\"check\":";
        Files.writeString(store.file(), garbage);

        assertThat(store.load()).isEmpty();

        Path aside = tmp.resolve("state.json.corrupt-20240506T070809Z");
        assertThat(files(tmp)).containsExactly(aside);
        assertThat(Files.readString(aside)).as("kept for the operator to inspect").isEqualTo(garbage);

        store.save(Map.of("cron", ServiceRuntimeState.fresh("x")));
        assertThat(store.load()).containsOnlyKeys("cron");
    }

    @Test
    void aSecondCorruptFileInTheSameSecondGetsItsOwnName() throws IOException {
        StateStore store = new StateStore(tmp, clock);
        Files.writeString(store.file(), "not json");
        store.load();
        Files.write(store.file(), new byte[] {0, (byte) 0xff, 0x13});
        store.load();

        assertThat(files(tmp)).containsExactly(tmp.resolve("state.json.corrupt-20240506T070809Z"),
                tmp.resolve("state.json.corrupt-20240506T070809Z-1"));
    }

    @Test
    void invalidValuesAndUnknownVersionsCountAsCorrupt() throws IOException {
        StateStore store = new StateStore(tmp, clock);
        for (String bad : List.of(
                "{\"version\":1,\"services\":{\"a\":{\"lastCheck\":\"yesterday\"}}}",
                "{\"version\":1,\"services\":{\"a\":{\"check\":{\"state\":\"MAYBE\"}}}}",
                "{\"version\":2,\"services\":{}}",
                "{\"version\":1}",
                "null",
                "")) {
            Files.writeString(store.file(), bad, StandardCharsets.UTF_8);
            assertThat(store.load()).as(bad).isEmpty();
            assertThat(store.file()).as(bad).doesNotExist();
        }
        assertThat(files(tmp)).hasSize(6);
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnoredAndMissingOnesDefaulted() throws IOException {
        StateStore store = new StateStore(tmp, clock);
        Files.writeString(store.file(), "{\"version\":1,\"services\":{\"a\":{\"checkCount\":5,\"futureField\":[1]}}}");

        ServiceRuntimeState a = store.load().get("a");

        assertThat(a.checkCount()).isEqualTo(5);
        assertThat(a.check()).isEqualTo(CheckState.INITIAL);
        assertThat(a.flapping()).isEqualTo(FlappingHistory.EMPTY);
        assertThat(a.restarts()).isEqualTo(RestartHistory.EMPTY);
        assertThat(a.recentResults()).isEmpty();
        assertThat(a.configFingerprint()).isEmpty();
    }

    @Test
    void appendedStatesOverrideTheSnapshotForTheServicesTheyName() throws IOException {
        StateStore store = new StateStore(tmp, clock);
        store.save(Map.of("apache", ServiceRuntimeState.fresh("1"), "cron", ServiceRuntimeState.fresh("2")));

        store.append(Map.of("apache", everyFieldSet()));
        store.append(Map.of("cron", everyFieldSet()));

        Map<String, ServiceRuntimeState> expected = Map.of("apache", everyFieldSet(), "cron", everyFieldSet());
        assertThat(new StateStore(tmp, clock).load()).isEqualTo(expected);
        assertThat(new StateStore(tmp, clock).read()).isEqualTo(expected);
        Path journal = tmp.resolve("state.journal");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(journal)).hasSize(2);
    }

    @Test
    void aSnapshotFoldsTheJournalInAndLinesItHoldsAreNeverAppliedAgain() throws IOException {
        StateStore store = new StateStore(tmp, clock);
        store.save(Map.of("apache", ServiceRuntimeState.fresh("1")));
        store.append(Map.of("apache", everyFieldSet()));
        Path journal = tmp.resolve("state.journal");
        byte[] beforeTheSnapshot = Files.readAllBytes(journal);

        store.save(Map.of("apache", ServiceRuntimeState.fresh("newer")));
        assertThat(journal).doesNotExist();
        // a crash between the snapshot's rename and the journal's removal leaves the old journal:
        Files.write(journal, beforeTheSnapshot);

        StateStore restarted = new StateStore(tmp, clock);
        assertThat(restarted.load()).isEqualTo(Map.of("apache", ServiceRuntimeState.fresh("newer")));
        restarted.append(Map.of("cron", everyFieldSet()));
        assertThat(new StateStore(tmp, clock).load()).as("numbering goes on after the skipped lines")
                .isEqualTo(Map.of("apache", ServiceRuntimeState.fresh("newer"), "cron", everyFieldSet()));
    }

    @Test
    void aLineCutOffByACrashAndAnUnreadableLineAreSkipped() throws IOException {
        StateStore store = new StateStore(tmp, clock);
        store.save(Map.of());
        store.append(Map.of("apache", everyFieldSet()));
        Path journal = tmp.resolve("state.journal");
        Files.writeString(journal, "{\"seq\": 2, \"service\": \"cron\", \"state\": 17}\n",
                StandardOpenOption.APPEND);
        store.append(Map.of("cron", ServiceRuntimeState.fresh("c")));
        Files.writeString(journal, "{\"seq\": 4, \"service\": \"ntp\", \"sta", StandardOpenOption.APPEND);

        assertThat(new StateStore(tmp, clock).load())
                .isEqualTo(Map.of("apache", everyFieldSet(), "cron", ServiceRuntimeState.fresh("c")));
    }

    @Test
    void aLargeStateIsWrittenWithoutADirectBufferOfItsSize() throws Exception {
        StateStore store = new StateStore(tmp, clock);
        Map<String, ServiceRuntimeState> states = new java.util.HashMap<>();
        for (int i = 0; i < 3000; i++) {
            states.put("service-" + i, everyFieldSet());
        }
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        long[] kept = new long[1];
        // the JDK keeps a thread's temporary direct buffer until the thread ends: measure on a thread of its own
        Thread saver = new Thread(() -> {
            long before = direct.getMemoryUsed();
            try {
                store.save(states);
                store.append(states);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            kept[0] = direct.getMemoryUsed() - before;
        });
        saver.start();
        saver.join();

        assertThat(Files.size(tmp.resolve("state.json"))).isGreaterThan(1 << 20);
        assertThat(kept[0]).as("direct memory kept by the writing thread").isLessThan(256 * 1024);
        assertThat(new StateStore(tmp, clock).load()).hasSize(3000);
    }

    /** Issue 10, case 5 for state files: a FIFO in the state directory must not hang loading or status. */
    @Test
    void aFifoInPlaceOfTheStateFilesIsNotReadAndDoesNotHang() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("state"));
        for (String name : List.of(StateStore.FILE_NAME, StateJournal.FILE_NAME)) {
            assertThat(new ProcessBuilder("mkfifo", dir.resolve(name).toString()).start().waitFor()).isZero();
        }
        StateStore store = new StateStore(dir, clock);

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), store::load)).isEmpty();
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), store::read))
                .hasMessageContaining("is a FIFO, not a regular file");
    }

    /** Opening a FIFO to append to it blocks until a reader comes: the daemon's saves would stop for good. */
    @Test
    void aFifoInPlaceOfTheJournalIsNotWrittenAndDoesNotHang() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("state"));
        Path journal = dir.resolve(StateJournal.FILE_NAME);
        assertThat(new ProcessBuilder("mkfifo", journal.toString()).start().waitFor()).isZero();
        StateStore store = new StateStore(dir, clock);

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> store.append(Map.of("cron", ServiceRuntimeState.fresh("sha256:def")))))
                .hasMessage(journal + " is a FIFO, not a regular file");
    }
}
