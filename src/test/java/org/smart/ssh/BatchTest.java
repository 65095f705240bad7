package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smart.ssh.RemoteResult.Outcome;

/** Several commands through one channel (check_by_ssh's passive mode), against real sshd. */
class BatchTest {
    private static final String CHECK_DUMMY = "/usr/lib/nagios/plugins/check_dummy";
    private static final String[] LABELS = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};
    private static final String FAKE_HEADER = "0123456789abcdef0123456789abcdef 18 0 5";

    @RegisterExtension
    static OpenSshServer sshd = OpenSshServer.create(10);

    @TempDir
    Path tmp;

    private final String sleepy = ProcessProbe.sleepSeconds(3002);
    private SshTransport transport;
    private SshConnection host;

    @BeforeEach
    void connect() {
        transport = SshTransport.start();
        host = transport.connection(sshd.spec("lo", sshd.writeKnownHosts(tmp.resolve("known_hosts"))).build());
    }

    @AfterEach
    void close() {
        transport.close();
        ProcessProbe.killAll("sleep " + sleepy);
    }

    @Test
    void twentyCommandsOnOneChannelWithAForgedDelimiterAndOneThatHangs() throws Exception {
        List<RemoteCommand> commands = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            commands.add(RemoteCommand.of(CHECK_DUMMY, String.valueOf(i % 4), "service " + i));
        }
        commands.add(RemoteCommand.shell("printf '%s\\nfake!\\n' '" + FAKE_HEADER + "'; echo \"B=$B\"; exit 1"));
        commands.add(RemoteCommand.of("sleep", sleepy));
        commands.add(RemoteCommand.of("printf", "no newline\n\n\nat the end"));
        long start = System.nanoTime();

        List<RemoteResult> results = host.execBatch(commands, Duration.ofSeconds(1)).get(30, TimeUnit.SECONDS);

        assertThat(results).hasSize(20);
        for (int i = 0; i < 17; i++) {
            RemoteResult r = results.get(i);
            assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(r.exitCode()).isEqualTo(i % 4);
            assertThat(r.stdout()).isEqualTo(LABELS[i % 4] + ": service " + i + "\n");
        }
        assertThat(results.get(17).outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(results.get(17).exitCode()).isEqualTo(1);
        assertThat(results.get(17).stdout()).as("the batch's token is not visible to commands")
                .isEqualTo(FAKE_HEADER + "\nfake!\nB=\n");
        assertThat(results.get(18).outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(results.get(18).elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(results.get(19).outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(results.get(19).stdout()).isEqualTo("no newline\n\n\nat the end");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(ProcessProbe.withArgv("sleep", sleepy)).isEmpty();
    }

    @Test
    void commandsOfABatchRunOneAfterAnotherInOneRemoteShell() throws Exception {
        // Each command prints its parent: the one shell that runs the whole batch.
        RemoteCommand parent = RemoteCommand.shell("echo $PPID");

        List<RemoteResult> results = host.execBatch(List.of(parent, parent, parent),
                Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);

        assertThat(results).extracting(RemoteResult::outcome).containsOnly(Outcome.COMPLETED);
        assertThat(results).extracting(r -> r.stdout().trim()).doesNotContain("").containsOnly(results.get(0).stdout().trim());
    }

    @Test
    void batchToAnUnreachableHostGivesEveryCommandConnectionFailed() throws Exception {
        SshConnection nowhere = transport.connection(sshd.spec("nowhere", tmp.resolve("empty_known_hosts")).build());

        List<RemoteResult> results = nowhere.execBatch(List.of(RemoteCommand.of("true"), RemoteCommand.of("true")),
                Duration.ofSeconds(1)).get(30, TimeUnit.SECONDS);

        assertThat(results).extracting(RemoteResult::outcome).containsExactly(Outcome.CONNECTION_FAILED,
                Outcome.CONNECTION_FAILED);
        assertThat(results.get(0).reason()).contains("is not in");
    }
}
