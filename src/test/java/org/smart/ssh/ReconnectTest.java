package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.ssh.HostState.Availability;
import org.smart.ssh.RemoteResult.Outcome;

/** A host that dies, goes silent and comes back, with a private sshd per test (the tests kill it). */
class ReconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private OpenSshServer sshd;
    private SshTransport transport;
    private SshConnection host;
    private final List<Availability> told = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sshd = OpenSshServer.create(10);
        sshd.start();
        transport = SshTransport.start();
        host = transport.connection(sshd.spec("lo", sshd.writeKnownHosts(tmp.resolve("known_hosts")))
                .reconnect(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)))
                .keepaliveInterval(Duration.ofMillis(300))
                .build());
        host.addListener((spec, before, after) -> told.add(after.availability()));
    }

    @AfterEach
    void stop() {
        transport.close();
        sshd.close();
    }

    @Test
    void killedSshdIsConnectionFailedAndDownThenTheHostComesBackUp() throws Exception {
        assertThat(echo().outcome()).isEqualTo(Outcome.COMPLETED);
        CompletableFuture<RemoteResult> inFlight = host.exec("sleep 30", Duration.ofSeconds(60));
        await().atMost(WAIT).until(() -> !ProcessProbe.withArgv("sleep", "30").isEmpty() || inFlight.isDone());

        sshd.kill();

        RemoteResult lost = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(lost.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
        assertThat(lost.reason()).contains("lost");
        await().atMost(WAIT).until(() -> host.state().availability() == Availability.DOWN);
        long start = System.nanoTime();
        RemoteResult whileDown = echo();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(whileDown.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);

        sshd.start();

        await().atMost(WAIT).until(() -> host.state().isUp());
        assertThat(echo().outcome()).isEqualTo(Outcome.COMPLETED);
        await().atMost(WAIT).until(() -> told.size() == 3);
        assertThat(told).containsExactly(Availability.UP, Availability.DOWN, Availability.UP);
    }

    @Test
    void keepalivesFindAPeerThatStoppedAnswering() throws Exception {
        assertThat(echo().outcome()).isEqualTo(Outcome.COMPLETED);

        sshd.freeze();

        // The state turns DOWN before the listener is told: wait for both.
        await().atMost(WAIT).until(() -> host.state().availability() == Availability.DOWN && told.size() >= 2);
        assertThat(host.state().reason()).contains("no answer to 3 keepalive probes");
        assertThat(told).containsExactly(Availability.UP, Availability.DOWN);
    }

    private RemoteResult echo() throws Exception {
        return host.exec("echo hello", Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
    }
}
