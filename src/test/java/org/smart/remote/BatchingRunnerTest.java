package org.smart.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smart.exec.CommandRunner;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;
import org.smart.ssh.OpenSshServer;
import org.smart.ssh.SshConnection;
import org.smart.ssh.SshTransport;

/** How a remote host's check scripts are sent: few, large batches, each check with its own result. */
class BatchingRunnerTest {
    private static final int CHECKS = 200;

    @RegisterExtension
    static OpenSshServer sshd = OpenSshServer.create(10);

    @TempDir
    Path tmp;

    @Test
    void aQueueIsSharedEvenlyOverTheLanesButNotInBatchesSmallerThanTwenty() {
        assertThat(BatchingRunner.share(1000, 8)).isEqualTo(125);
        assertThat(BatchingRunner.share(100, 8)).as("rather five lanes of twenty than eight of 13").isEqualTo(20);
        assertThat(BatchingRunner.share(40, 3)).isEqualTo(20);
        assertThat(BatchingRunner.share(5, 8)).isEqualTo(5);
        assertThat(BatchingRunner.share(3000, 8)).isEqualTo(BatchingRunner.MAX_BATCH);
    }

    @Test
    void checksDueTogetherGoOutAsOneBatchPerLaneEachWithItsOwnResult() throws Exception {
        try (SshTransport transport = SshTransport.start()) {
            SshConnection host = transport.connection(
                    sshd.spec("lo", sshd.writeKnownHosts(tmp.resolve("known_hosts"))).build());
            CommandRunner runner = RemoteSites.checkRunner(host);
            List<CompletableFuture<ExecResult>> futures = new ArrayList<>();
            for (int i = 0; i < CHECKS; i++) {
                // prints its service and its parent: the shell of the batch it ran in
                ExecRequest request = new ExecRequest(List.of("/bin/sh", "-c", "echo \"$SMART_SERVICE $PPID\"; exit 2"),
                        Map.of("SMART_SERVICE", "svc" + i), tmp, Duration.ofSeconds(10));
                futures.add(runner.start(request));  // as the daemon sends a round's checks: queued, no thread each
            }
            List<String> batchShells = new ArrayList<>();
            for (int i = 0; i < CHECKS; i++) {
                ExecResult result = futures.get(i).get(60, TimeUnit.SECONDS);
                assertThat(result.exitCode()).isEqualTo(2);
                String[] words = result.output().strip().split(" ");
                assertThat(words[0]).isEqualTo("svc" + i);
                batchShells.add(words[1]);
            }
            assertThat(batchShells.stream().distinct().count()).as("batches for %d checks on 8 lanes", CHECKS)
                    .isBetween(1L, 16L);
        }
    }
}
