package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepairLockTest {

    @TempDir
    Path stateDir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "web|web.lock",
        "db-1.example_org@x|db-1.example_org@x.lock",
        "../../escape|..%2F..%2Fescape.lock",
        "web/1|web%2F1.lock",
        "..|...lock",
        "a b%|a%20b%25.lock",
        "café|caf%C3%A9.lock",
    })
    void namesEveryServiceWithOneSafeFileName(String service, String file) {
        assertThat(RepairLock.fileName(service)).isEqualTo(file);
    }

    @Test
    void oneHolderAtATimeAndFreeAgainWhenClosed() throws IOException {
        Optional<RepairLock> first = RepairLock.tryTake(stateDir, "web");
        assertThat(first).isPresent();
        assertThat(RepairLock.tryTake(stateDir, "web")).as("held").isEmpty();
        assertThat(RepairLock.tryTake(stateDir, "db")).as("another service's lock is its own").isPresent()
                .get().satisfies(RepairLock::close);

        first.get().close();

        Optional<RepairLock> again = RepairLock.tryTake(stateDir, "web");
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void theLockFileIsOwnerOnlyInAnOwnerOnlyDirectory() throws IOException {
        RepairLock.tryTake(stateDir, "web").orElseThrow().close();

        Path file = RepairLock.fileOf(stateDir, "web");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aSymbolicLinkInPlaceOfTheLockFileIsNotFollowed() throws IOException {
        Path target = stateDir.resolve("precious");
        Files.writeString(target, "keep");
        Files.createDirectories(stateDir.resolve("locks"));
        Files.createSymbolicLink(RepairLock.fileOf(stateDir, "web"), target);

        assertThatThrownBy(() -> RepairLock.tryTake(stateDir, "web")).isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo("keep");
    }

    @Test
    void aStartingDaemonWaitsForARepairUnderWayAndNamesOneThatOutlastsTheWait() throws Exception {
        assertThat(RepairLock.awaitRepairsUnderWay(stateDir, Duration.ofSeconds(5))).as("no lock at all").isEmpty();
        RepairLock.tryTake(stateDir, "idle").orElseThrow().close();

        try (RepairLock held = RepairLock.tryTake(stateDir, "web").orElseThrow()) {
            assertThat(RepairLock.awaitRepairsUnderWay(stateDir, Duration.ofMillis(300))).containsExactly("web.lock");
        }
        assertThat(RepairLock.awaitRepairsUnderWay(stateDir, Duration.ofSeconds(5))).isEmpty();
    }
}
