package org.smart.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smart.action.RestartOutcome;
import org.smart.action.StartedCommand;
import org.smart.check.ServiceCheck;
import org.smart.check.Snapshot;
import org.smart.check.State;
import org.smart.check.Status;
import org.smart.check.UnreachableException;
import org.smart.model.Config;
import org.smart.model.ServiceSpec;
import org.smart.process.DetachedCommand;
import org.smart.process.ProcessInfo;
import org.smart.process.StopReport;
import org.smart.site.Site;
import org.smart.ssh.OpenSshServer;
import org.smart.ssh.SshTransport;

/** Checks and repairs of a remote host's services through its one SSH connection, against a real sshd. */
class RemoteSiteTest {

    @RegisterExtension
    static OpenSshServer sshd = OpenSshServer.create(10);

    @TempDir
    Path tmp;

    private RemoteConf conf;
    private SshTransport transport;
    private String token;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        conf = new RemoteConf(tmp, sshd);
        transport = SshTransport.start();
        token = String.valueOf(ThreadLocalRandom.current().nextInt(300_000, 399_999));
    }

    @AfterEach
    void tearDown() {
        transport.close();
        started.forEach(Process::destroyForcibly);
        LocalProcesses.killAll("sleep " + token);
    }

    private Site site(Config config) {
        return RemoteSites.build(config, config.services(), transport, Clock.systemUTC()).sites().get(0);
    }

    private ServiceSpec service(Config config, String name) {
        return config.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void processesPidFilesAndPortsComeFromOneReadOfTheHost() throws Exception {
        Path pidFile = conf.remoteDir.resolve("daemon.pid");
        Process daemon = start("sleep", token);
        Files.writeString(pidFile, daemon.pid() + "\n");
        Files.writeString(conf.remoteDir.resolve("wrong.pid"), "1\n");
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int closedPort = freePort();
            Config config = conf.load(
                    "  - { name: daemon, host: lo, process: sleep, args: '" + token + "', pid_file: daemon.pid }",
                    "  - { name: wrongpid, host: lo, process: sleep, args: '" + token + "', pid_file: wrong.pid }",
                    "  - { name: nopid, host: lo, process: sleep, args: '" + token + "', pid_file: none.pid }",
                    "  - { name: listening, host: lo, port: " + listening.getLocalPort() + ", procs: {min: 0, max: 0} }",
                    "  - { name: closed, host: lo, port: " + closedPort + ", procs: {min: 0, max: 0} }",
                    "  - { name: absent, host: lo, process: no-such-daemon }");
            Site site = site(config);
            long loginsBefore = sshd.acceptedLogins();

            Snapshot snapshot = site.snapshots().snapshot();
            ServiceCheck daemonCheck = site.checker().check(service(config, "daemon"), snapshot);
            ServiceCheck wrongPid = site.checker().check(service(config, "wrongpid"), snapshot);
            ServiceCheck noPid = site.checker().check(service(config, "nopid"), snapshot);
            ServiceCheck open = site.checker().check(service(config, "listening"), snapshot);
            ServiceCheck closed = site.checker().check(service(config, "closed"), snapshot);
            ServiceCheck absent = site.checker().check(service(config, "absent"), snapshot);
            site.snapshots().snapshot();

            assertThat(daemonCheck.status()).as(daemonCheck.reason()).isEqualTo(Status.OK);
            assertThat(daemonCheck.processCount()).isEqualTo(1);
            assertThat(daemonCheck.pidFile().detail()).isEqualTo("pid " + daemon.pid() + " is 'sleep'");
            assertThat(wrongPid.status()).isEqualTo(Status.PID_FILE_WRONG);
            assertThat(wrongPid.pidFile().detail()).contains("pid 1 is", "not 'sleep'");
            assertThat(noPid.status()).isEqualTo(Status.PID_FILE_WRONG);
            assertThat(noPid.pidFile().detail()).endsWith("none.pid does not exist");
            assertThat(open.status()).isEqualTo(Status.OK);
            assertThat(open.reason()).isEqualTo("port " + listening.getLocalPort() + ": listening");
            assertThat(closed.status()).isEqualTo(Status.NOT_RESPONDING);
            assertThat(closed.reason()).isEqualTo("port " + closedPort + ": nothing listens on it");
            assertThat(absent.status()).isEqualTo(Status.NOT_RUNNING);
            await().until(() -> sshd.acceptedLogins() > loginsBefore);
            assertThat(sshd.acceptedLogins() - loginsBefore).as("logins for two rounds of six services").isEqualTo(1);
        }
    }

    @Test
    void checkScriptsRunOnTheHostWithTheLocalArgumentsAndEnvironmentAndNothingElse() {
        conf.remoteScript("scripts/args.sh", """
                #!/bin/sh
                echo "OK - $1 $2 $3 | calls=1"
                echo "service=$SMART_SERVICE plugins=$SMART_PLUGINS pwd=$(pwd) secret=${SMART_SMTP_PASSWORD:-none}"
                env | cut -d= -f1 | sort | tr '\\n' ' '
                """);
        Config config = conf.load("  - { name: web, host: lo, port: 8080, procs: {min: 0, max: 0}, check: args.sh }");
        Site site = site(config);

        ServiceCheck check = site.checker().check(config.services().get(0), site.snapshots().snapshot());

        assertThat(check.status()).as(check.reason()).isEqualTo(Status.OK);
        assertThat(check.reason()).isEqualTo("OK - 127.0.0.1 8080 5");
        assertThat(check.probe().plugin().perfData()).hasSize(1);
        assertThat(check.probe().plugin().longOutput()).contains(
                "service=web plugins=" + conf.remoteDir.resolve("plugins") + " pwd=" + conf.remoteDir + " secret=none",
                "HOME LC_ALL PATH PWD SMART_HOST SMART_PLUGINS SMART_PORT SMART_PROCESS SMART_SERVICE SMART_TIMEOUT");
    }

    @Test
    void checkScriptsDueTogetherGoOutAsFewBatchesOnOneConnectionWithinItsChannelLimit() throws Exception {
        Path running = Files.createDirectories(tmp.resolve("running"));
        conf.remoteScript("scripts/busy.sh", """
                #!/bin/sh
                touch %1$s/$$; n=$(ls %1$s | wc -l); sleep 0.1; rm -f %1$s/$$; echo "busy $n $PPID"
                """.formatted(running));
        conf.hostKey("max_channels: 4");
        String[] services = IntStream.range(0, 24)
                .mapToObj(i -> "  - { name: s" + i + ", host: lo, procs: {min: 0, max: 0}, check: busy.sh }")
                .toArray(String[]::new);
        Config config = conf.load(services);
        Site site = site(config);
        long loginsBefore = sshd.acceptedLogins();
        Snapshot snapshot = site.snapshots().snapshot();

        List<CompletableFuture<ServiceCheck>> started = new ArrayList<>();
        config.services().forEach(spec -> started.add(site.checker().start(spec, snapshot)));
        List<ServiceCheck> checks = new ArrayList<>();
        for (CompletableFuture<ServiceCheck> check : started) {
            checks.add(check.get(60, TimeUnit.SECONDS));
        }

        assertThat(checks).allSatisfy(c -> assertThat(c.status()).as(c.reason()).isEqualTo(Status.OK));
        int peak = checks.stream().mapToInt(c -> Integer.parseInt(c.reason().split(" ")[1])).max().orElseThrow();
        long shells = checks.stream().map(c -> c.reason().split(" ")[2]).distinct().count();
        assertThat(peak).as("checks running at once on the host, max_channels 4").isBetween(1, 4);
        assertThat(shells).as("remote shells that ran the 24 checks, all sent at once to 2 lanes").isLessThanOrEqualTo(4);
        await().until(() -> sshd.acceptedLogins() > loginsBefore);
        assertThat(sshd.acceptedLogins() - loginsBefore).as("logins for 24 checks").isEqualTo(1);
    }

    @Test
    void hangingRemotePluginIsKilledOnTheHostAndIsNotResponding() {
        conf.setting("check_timeout: 1");
        conf.remoteScript("scripts/hang.sh", "#!/bin/sh\necho starting\nexec sleep " + token + "\n");
        Config config = conf.load("  - { name: stuck, host: lo, procs: {min: 0, max: 0}, check: hang.sh }");
        Site site = site(config);

        ServiceCheck check = site.checker().check(config.services().get(0), site.snapshots().snapshot());

        assertThat(check.status()).isEqualTo(Status.NOT_RESPONDING);
        assertThat(check.reason()).isEqualTo("hang.sh timed out after 1 s: starting");
        assertThat(check.probe().plugin().longOutput())
                .endsWith("did not finish within 1 s; killed with everything it started");
        await().atMost(Duration.ofSeconds(5)).until(() -> LocalProcesses.count("sleep " + token) == 0);
        assertThat(site.downReason().get()).as("a timeout is not a host problem").isNull();
    }

    @Test
    void hostWithAnotherKeyIsRefusedWithTheFixAndItsServicesAreUnreachable() throws Exception {
        Files.writeString(conf.dir.resolve("ssh/known_hosts"), sshd.wrongKnownHostsLine() + "\n");
        Config config = conf.load("  - { name: web, host: lo, process: nginx }");
        Site site = site(config);

        assertThatThrownBy(() -> site.snapshots().snapshot())
                .isInstanceOfSatisfying(UnreachableException.class, e -> {
                    assertThat(e.isHostDown()).isTrue();
                    assertThat(e.describe()).startsWith("host lo is DOWN: HOST KEY CHANGED for [127.0.0.1]:"
                            + sshd.port()).contains("ssh-keygen -R", "ssh-keyscan -p " + sshd.port() + " 127.0.0.1");
                });
        assertThat(site.downReason().get()).startsWith("HOST KEY CHANGED");
        ServiceCheck check = ServiceCheck.unreachable(config.services().get(0), "host lo is DOWN", java.time.Instant.now());
        assertThat(check.state()).isEqualTo(State.UNREACHABLE);
    }

    @Test
    void restartStartsARealDaemonOnTheHostDetachedAndStopsOnlyItsLeftovers() throws Exception {
        conf.remoteScript("daemons/fake-daemon", """
                #!/bin/sh
                echo $$ > "$1"
                exec sleep "$2"
                """);
        String other = String.valueOf(Integer.parseInt(token) + 100_000);
        Config config = conf.load("  - { name: svc, host: lo, process: sleep, args: '" + token + "',"
                + " procs: {min: 1, max: 1}, start: './daemons/fake-daemon " + conf.remoteDir.resolve("run/svc.pid") + " "
                + token + "',"
                + " pid_file: run/svc.pid }");
        Files.createDirectories(conf.remoteDir.resolve("run"));
        Files.writeString(conf.remoteDir.resolve("run/svc.pid"), "999999\n");
        start("sleep", token);
        start("sleep", token);
        start("sleep", other);
        Site site = site(config);
        ServiceSpec svc = config.services().get(0);
        assertThat(site.checker().check(svc, site.snapshots().snapshot()).status()).isEqualTo(Status.NOT_RUNNING);

        RestartOutcome outcome = site.restarter().restart(svc);

        assertThat(outcome.succeeded()).as(String.join("; ", outcome.steps())).isTrue();
        assertThat(outcome.after().status()).isEqualTo(Status.OK);
        assertThat(outcome.steps()).anySatisfy(step -> assertThat(step).startsWith("stopped 2 leftover"))
                .anySatisfy(step -> assertThat(step).startsWith("removed stale pid file"))
                .anySatisfy(step -> assertThat(step).matches("started '.*' \\(pid \\d+ on lo\\)"));
        assertThat(LocalProcesses.count("sleep " + token)).isEqualTo(1);
        assertThat(LocalProcesses.count("sleep " + other)).as("another program's sleep is left alone").isEqualTo(1);
        long pid = Long.parseLong(Files.readString(conf.remoteDir.resolve("run/svc.pid")).strip());
        ProcessInfo daemon = site.snapshots().snapshot().processes().get((int) pid).orElseThrow();
        assertThat(daemon.sid()).as("the daemon leads its own session, detached from SSH").isEqualTo(daemon.pid());
        transport.close();
        assertThat(LocalProcesses.count("sleep " + token)).as("it outlives the connection").isEqualTo(1);
        LocalProcesses.killAll("sleep " + other);
    }

    @Test
    void failingRemoteStartCommandIsReportedWithItsOutputAndExitStatusAsALocalOneIs() throws Exception {
        conf.remoteScript("daemons/broken", """
                #!/bin/sh
                echo "starting $1"
                echo "cannot bind to port 8080: Address already in use" >&2
                exit 3
                """);
        conf.setting("start_timeout: 2");
        String name = "broken-" + token;
        Config config = conf.load("  - { name: " + name + ", host: lo, process: sleep, args: '" + token + "',"
                + " procs: {min: 1, max: 1}, start: './daemons/broken web' }");
        Site site = site(config);

        RestartOutcome outcome = site.restarter().restart(config.services().get(0));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.steps()).as(String.join("; ", outcome.steps()))
                .anySatisfy(step -> assertThat(step).matches("started '.*broken web' \\(pid \\d+ on lo\\)"))
                .contains("start command exited 3: starting web / cannot bind to port 8080: Address already in use");
        Path log = sshd.home().resolve(RemoteSites.START_LOGS).resolve(name + ".log");
        assertThat(log).as("its start log on the host").content()
                .isEqualTo("starting web\ncannot bind to port 8080: Address already in use\n");
    }

    @Test
    void onlyTwoStartsOfAHostWaitTheWholeStartTimeoutForTheirCommandSoReChecksKeepTheirChannels() throws Exception {
        Config config = conf.load("  - { name: svc, host: lo, process: sleep, args: '" + token + "' }");
        RemoteLauncher launcher = new RemoteLauncher(new HostLink(
                RemoteSites.build(config, config.services(), transport, Clock.systemUTC()).connections().get("lo")),
                Duration.ofSeconds(20));
        List<StartedCommand> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(launcher.launch(new DetachedCommand(List.of("/bin/sh", "-c", "sleep 3; echo late; exit 5"),
                    java.util.Map.of(), Path.of("/"), null)));
        }

        // The first two started together and end together, in either order under load.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> starts.get(0).exitStatus().isPresent() && starts.get(1).exitStatus().isPresent());

        assertThat(starts.get(0).exitStatus()).hasValue(5);
        assertThat(starts.get(1).exitStatus()).hasValue(5);
        assertThat(starts.get(1).output()).as("its log is /dev/null").isEmpty();
        assertThat(starts.get(2).exitStatus()).as("waited only " + RemoteLauncher.SHORT_WAIT).isEmpty();
    }

    @Test
    void leftoverThatIgnoresTermIsKilled() throws Exception {
        Process stubborn = start("sh", "-c", "trap '' TERM; exec sleep " + token);
        await().until(() -> LocalProcesses.count("sleep " + token) == 1);
        Config config = conf.load("  - { name: svc, host: lo, process: sleep, args: '" + token + "' }");
        Site site = site(config);
        ProcessInfo seen = site.snapshots().snapshot().processes().get((int) stubborn.pid()).orElseThrow();

        StopReport report = new RemoteProcessStopper(new HostLink(
                RemoteSites.build(config, config.services(), transport, Clock.systemUTC()).connections().get("lo")))
                .stop(List.of(seen), Duration.ofMillis(300));

        assertThat(report.killed()).containsExactly(seen);
        assertThat(report.terminated()).isEmpty();
        assertThat(report.allStopped()).isTrue();
        assertThat(stubborn.isAlive()).isFalse();
    }

    private Process start(String... argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
