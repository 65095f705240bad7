package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smart.ssh.RemoteResult.Outcome;
import org.smart.testing.BlackHole;

/** One shared connection per host, channel limits, timeouts, and isolation between hosts, against real sshd. */
class SshConnectionTest {
    private static final String CHECK_DUMMY = "/usr/lib/nagios/plugins/check_dummy";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static OpenSshServer sshd = OpenSshServer.create(10);

    @TempDir
    Path tmp;

    private SshTransport transport;
    private SshConnection host;
    private String marker;

    @BeforeEach
    void connect() {
        transport = SshTransport.start();
        host = transport.connection(sshd.spec("lo", sshd.writeKnownHosts(tmp.resolve("known_hosts"))).build());
        marker = "3001." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    }

    @AfterEach
    void close() {
        transport.close();
        ProcessProbe.killAll(marker);
    }

    @Test
    void fiftyConcurrentChecksShareOneConnection() throws Exception {
        long loginsBefore = sshd.acceptedLogins();

        List<RemoteResult> results = all(IntStream.range(0, 50)
                .mapToObj(i -> host.exec(RemoteCommand.of(CHECK_DUMMY, "0", "check " + i), Duration.ofSeconds(20)))
                .toList());

        for (int i = 0; i < 50; i++) {
            assertThat(results.get(i).outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(results.get(i).exitCode()).isZero();
            assertThat(results.get(i).stdout()).isEqualTo("OK: check " + i + "\n");
        }
        await().atMost(WAIT).until(() -> sshd.acceptedLogins() > loginsBefore);
        assertThat(sshd.acceptedLogins() - loginsBefore).as("SSH logins for 50 checks").isEqualTo(1);
        assertThat(host.state().isUp()).isTrue();
    }

    @Test
    void fiftyConcurrentCommandsAllSucceedWithAtMostMaxChannelsAtOnce() throws Exception {
        // sshd allows 10 sessions per connection (MaxSessions 10); the spec's default maxChannels is 10 too.
        Path running = sshd.scratch("running-" + marker);
        String dir = ShellQuoting.quote(running.toString());
        String countRunning = "touch " + dir + "/$$; n=$(ls " + dir + " | wc -l); sleep 0.3; rm -f " + dir + "/$$; echo $n";

        List<RemoteResult> results = all(IntStream.range(0, 50)
                .mapToObj(i -> host.exec(countRunning, Duration.ofSeconds(20)))
                .toList());

        assertThat(results).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(r.exitCode()).isZero();
        });
        int peak = results.stream().mapToInt(r -> Integer.parseInt(r.stdout().trim())).max().orElseThrow();
        assertThat(peak).as("commands running at once on the remote side").isBetween(2, 10);
    }

    @Test
    void premiseClosingTheConnectionDoesNotStopTheRemoteProcess() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "OpenSSH client not installed");
        // Why SMART wraps every command: plain OpenSSH leaves a command running when its connection goes away.
        Path knownHosts = sshd.writeKnownHosts(tmp.resolve("known_hosts_ssh"));
        Process ssh = new ProcessBuilder("ssh", "-p", String.valueOf(sshd.port()), "-i", sshd.userKey().toString(),
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                sshd.user() + "@" + OpenSshServer.HOST, "sleep " + marker + " & sleep " + marker)
                .redirectErrorStream(true).start();
        await().atMost(WAIT).until(() -> ProcessProbe.withArgv("sleep", marker).size() == 2);

        ssh.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> ProcessProbe.withArgv("sleep", marker).size() == 2);
    }

    @Test
    void hangingCommandTimesOutAndItsWholeProcessGroupIsKilled() throws Exception {
        CompletableFuture<RemoteResult> hanging = host.exec("sleep " + marker + " & sleep " + marker, Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> ProcessProbe.withArgv("sleep", marker).size() == 2);

        RemoteResult result = hanging.get(10, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.reason()).contains("did not finish within 1 s").contains("killed");
        assertThat(result.elapsed()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessProbe.withArgv("sleep", marker).isEmpty());
        assertThat(host.state().isUp()).as("a timeout is not a host problem").isTrue();
    }

    @Test
    void remoteSideThatStopsAnsweringIsClosedAndItsProcessGroupKilledOverAnotherChannel() throws Exception {
        // The command stops its own remote timeout(1), so only SMART's backstop and kill channel are left.
        CompletableFuture<RemoteResult> stuck = host.exec("kill -STOP $PPID; sleep " + marker, Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> ProcessProbe.withArgv("sleep", marker).size() == 1);

        RemoteResult result = stuck.get(15, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.reason()).contains("stopped answering");
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(RemoteInvocation.backstop(Duration.ofSeconds(1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessProbe.withArgv("sleep", marker).isEmpty());
    }

    @Test
    void blackHoledHostDoesNotDelayCommandsToOtherHosts() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            RemoteHostSpec silent = RemoteHostSpec.builder("hole", OpenSshServer.HOST, sshd.user(), sshd.userKey(),
                    tmp.resolve("known_hosts")).port(hole.port()).connectTimeout(Duration.ofSeconds(8)).build();
            CompletableFuture<RemoteResult> toHole = transport.connection(silent).exec("true", Duration.ofSeconds(5));
            await().atMost(WAIT).until(() -> hole.accepted() > 0);

            long start = System.nanoTime();
            List<RemoteResult> others = all(IntStream.range(0, 20)
                    .mapToObj(i -> host.exec(RemoteCommand.of(CHECK_DUMMY, "0", "ok"), Duration.ofSeconds(5)))
                    .toList());
            Duration othersTook = Duration.ofNanos(System.nanoTime() - start);

            assertThat(others).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED));
            assertThat(othersTook).isLessThan(Duration.ofSeconds(4));
            assertThat(toHole).isNotDone();
            RemoteResult holeResult = toHole.get(15, TimeUnit.SECONDS);
            assertThat(holeResult.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
            assertThat(holeResult.reason()).contains("did not finish within 8000 ms");
        }
    }

    @Test
    void refusedConnectionIsConnectionFailedAndFailsFastWhileWaitingToRetry() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(OpenSshServer.HOST))) {
            closedPort = socket.getLocalPort();
        }
        SshConnection nowhere = transport.connection(RemoteHostSpec.builder("nowhere", OpenSshServer.HOST, sshd.user(),
                sshd.userKey(), tmp.resolve("known_hosts")).port(closedPort)
                .reconnect(new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(60))).build());

        RemoteResult first = nowhere.exec("true", Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        RemoteResult second = nowhere.exec("true", Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);

        assertThat(first.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
        assertThat(first.reason()).contains("refused");
        assertThat(second.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
        assertThat(second.reason()).contains("refused").contains("reconnecting in");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(nowhere.state().availability()).isEqualTo(HostState.Availability.DOWN);
    }

    @Test
    void commandsAreQuotedWordByWord() throws Exception {
        String tricky = "it's $HOME `id` \"q\" ; rm -rf /nonexistent\n*";

        RemoteResult result = host.exec(RemoteCommand.of("printf", "%s", tricky), Duration.ofSeconds(5)).get();

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.stdout()).isEqualTo(tricky);
    }

    @Test
    void outputIsCappedAndStderrKeptApart() throws Exception {
        RemoteResult result = host.exec("head -c 200000 /dev/zero | tr '\\0' x; echo oops >&2; exit 2",
                Duration.ofSeconds(10)).get();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).hasSize(SshConnection.OUTPUT_CAP);
        assertThat(result.truncated()).isTrue();
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    private static <T> List<T> all(List<CompletableFuture<T>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
