package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backoff, permits, remote command lines, passphrase sources and spec validation. */
class SmallPartsTest {

    @Test
    void backoffDoublesFromOneSecondUpToAMinute() {
        List<Long> seconds = new ArrayList<>();
        for (int failures = 1; failures <= 9; failures++) {
            seconds.add(Backoff.DEFAULT.delayAfter(failures).toSeconds());
        }
        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(Backoff.DEFAULT.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void permitsAreHandedOutInOrderAndNeverBeyondTheLimit() {
        AsyncPermits permits = new AsyncPermits(2, Runnable::run);
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            turns.add(permits.acquire());
        }

        assertThat(turns).extracting(CompletableFuture::isDone).containsExactly(true, true, false, false, false);
        assertThat(permits.queued()).isEqualTo(3);
        permits.release();
        assertThat(turns).extracting(CompletableFuture::isDone).containsExactly(true, true, true, false, false);
        permits.release();
        permits.release();
        permits.release();
        permits.release();
        assertThat(turns).allMatch(CompletableFuture::isDone);
        assertThat(permits.acquire()).isDone();
        assertThat(permits.acquire()).isDone();
        assertThat(permits.acquire()).isNotDone();
    }

    @Test
    void remoteCommandLineLimitsItselfAndReportsItsProcessGroup() {
        String line = RemoteInvocation.command(RemoteCommand.of("check_x", "-w", "a b"), Duration.ofMillis(2500));

        assertThat(line).isEqualTo("echo $$; LC_ALL=C; export LC_ALL; exec timeout -k 1 2.5 check_x -w 'a b' </dev/null");
        assertThat(RemoteInvocation.seconds(Duration.ofSeconds(10))).isEqualTo("10");
        assertThat(RemoteInvocation.isTimeoutStatus(124)).isTrue();
        assertThat(RemoteInvocation.isTimeoutStatus(2)).isFalse();
        assertThatThrownBy(() -> RemoteInvocation.seconds(Duration.ZERO)).hasMessageContaining("must be positive");
    }

    @Test
    void passphraseFileMustBeOwnerOnly(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("pass");
        Files.writeString(file, "secret\r\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(PassphraseSource.file(file).resolve(name -> null)).isEqualTo("secret");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(() -> PassphraseSource.file(file).resolve(name -> null))
                .isInstanceOf(IdentityException.class).hasMessageContaining("rw----r--");
    }

    @Test
    void passphraseVariableNameIsChecked() {
        assertThatThrownBy(() -> PassphraseSource.environment("BAD NAME"))
                .hasMessageContaining("'BAD NAME'");
        assertThat(PassphraseSource.environment("X").describe()).isEqualTo("environment variable X");
    }

    @Test
    void specRejectsBadValuesByName() {
        Path key = Path.of("/k");
        assertThatThrownBy(() -> RemoteHostSpec.builder("web1", "host", "root", key, key).port(0).build())
                .hasMessage("host web1: port must be 1-65535, not 0");
        assertThatThrownBy(() -> RemoteHostSpec.builder("web1", "host", "root", key, key).maxChannels(0).build())
                .hasMessageContaining("max channels must be at least 1");
        assertThatThrownBy(() -> RemoteHostSpec.builder("web1", "ho st", "root", key, key).build())
                .hasMessageContaining("address").hasMessageContaining("'ho st'");
        assertThatThrownBy(() -> RemoteHostSpec.builder("web1", "host", "root", key, key)
                .commandTimeout(Duration.ZERO).build()).hasMessageContaining("command timeout must be positive");
        RemoteHostSpec spec = RemoteHostSpec.builder("web1", "host", "root", key, key).build();
        assertThat(spec.port()).isEqualTo(22);
        assertThat(spec.maxChannels()).isEqualTo(10);
        assertThat(spec.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(spec.knownHostsPattern()).isEqualTo("host");
    }

    @Test
    void remoteResultMapsOntoExecResult() {
        assertThat(RemoteResult.timedOut("partial", "", false, Duration.ofSeconds(1), "too slow").toExecResult())
                .satisfies(r -> {
                    assertThat(r.timedOut()).isTrue();
                    assertThat(r.output()).isEqualTo("partial\ntoo slow");
                });
        assertThat(RemoteResult.connectionFailed("host down", Duration.ZERO).toExecResult().failure())
                .isEqualTo("host down");
        assertThat(RemoteResult.completed(2, "CRIT\n", "", false, Duration.ZERO).toExecResult().exitCode()).isEqualTo(2);
    }
}
