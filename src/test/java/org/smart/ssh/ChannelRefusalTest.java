package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smart.ssh.RemoteResult.Outcome;

/**
 * Channels refused by the server: sshd frees a finished channel's session slot a moment after the close, so it
 * now and then refuses an open although SMART stays within MaxSessions (here 2, and the host's limit 2, so a
 * thousand short commands keep both slots turning over). A refusal can come back before the open call has
 * returned; it must still be taken for a refusal and retried, never reported as a channel the server closed
 * without an exit status (which made SshConnectionTest's fifty commands fail now and then).
 */
class ChannelRefusalTest {
    private static final int COMMANDS = 1000;

    @RegisterExtension
    static OpenSshServer sshd = OpenSshServer.create(2);

    @TempDir
    Path tmp;

    @Test
    void everyRefusedChannelIsRetriedUntilTheCommandRuns() {
        try (SshTransport transport = SshTransport.start()) {
            SshConnection host = transport.connection(
                    sshd.spec("lo", sshd.writeKnownHosts(tmp.resolve("known_hosts"))).maxChannels(2).build());

            List<RemoteResult> results = IntStream.range(0, COMMANDS)
                    .mapToObj(i -> host.exec("echo " + i, Duration.ofSeconds(20)))
                    .toList().stream().map(CompletableFuture::join).toList();

            for (int i = 0; i < COMMANDS; i++) {
                RemoteResult r = results.get(i);
                assertThat(r.outcome()).as("command %d: %s", i, r.reason()).isEqualTo(Outcome.COMPLETED);
                assertThat(r.stdout()).isEqualTo(i + "\n");
            }
        }
    }
}
