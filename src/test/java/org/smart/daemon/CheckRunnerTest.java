package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.action.RestartEnvironment;
import org.smart.action.Restarter;
import org.smart.check.CheckEnvironment;
import org.smart.check.ServiceChecker;
import org.smart.check.Snapshot;
import org.smart.check.State;
import org.smart.check.TcpPortProbe;
import org.smart.exec.ChildEnvironment;
import org.smart.exec.CommandRunner;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;
import org.smart.exec.LocalCommandRunner;
import org.smart.model.HostSettings;
import org.smart.model.Origin;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;
import org.smart.feed.CheckResultFeed;
import org.smart.process.DetachedLauncher;
import org.smart.process.PidFileReader;
import org.smart.process.ProcFs;
import org.smart.process.ProcessKiller;
import org.smart.process.ProcessTable;
import org.smart.process.ProcessWatcher;
import org.smart.site.RemoteHosts;
import org.smart.site.Site;
import org.smart.testing.TestFiles;

/** The check and restart pools with real check scripts and a real restart. */
class CheckRunnerTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> planned = new ConcurrentHashMap<>();
    private CheckRunner runner;
    private Supervisor supervisor;
    private ProcessWatches watches;
    private ServiceTools tools;

    @BeforeEach
    void setUp() {
        supervisor = new Supervisor(clock, new Supervisor.Actions() {
            @Override
            public void checkAt(String service, Instant at) {
                planned.put(service, at);
            }

            @Override
            public void checkNow(String service) {
                runner.checkNow(service, clock.instant());
            }

            @Override
            public void restart(ServiceSpec spec) {
                runner.restart(spec);
            }

            @Override
            public void notify(ServiceEvent event) {
                events.add(event.kind() + " " + event.service());
            }

            @Override
            public void forget(String service) {
            }
        });
        HostSettings settings = HostSettings.defaults("testhost");
        Map<String, String> env = ChildEnvironment.ofCurrentProcess().variables();
        LocalCommandRunner commands = new LocalCommandRunner();
        ServiceChecker checker = new ServiceChecker(new CheckEnvironment(dir.resolve("scripts"), dir.resolve("plugins"),
                "127.0.0.1", Duration.ofSeconds(10), env, dir), commands, new TcpPortProbe(), clock);
        ProcFs procFs = new ProcFs();
        Restarter restarter = new Restarter(new RestartEnvironment(settings, dir, env, null), checker, procFs, commands,
                new ProcessKiller(procFs), new DetachedLauncher(), clock);
        watches = new ProcessWatches(new ProcessWatcher(procFs, Duration.ofMillis(20)), (s, p) -> { });
        tools = new ServiceTools(settings, checker, restarter, List.of());
        runner = new CheckRunner(supervisor, new ProcessSnapshots(procFs, clock), watches, tools, clock, 4, 2);
    }

    @AfterEach
    void tearDown() {
        runner.close(Duration.ofSeconds(2));
        watches.close();
    }

    private Path script(String name, String body) {
        return TestFiles.executable(dir.resolve(name), "#!/bin/sh\n" + body);
    }

    private static ServiceSpec checked(String name, String script, String start) {
        return new ServiceSpec(name, "x", 0, "", 0, 0, start, null, null, StartMode.PLAIN, script,
                Origin.of(Path.of("services.conf"), 1), ServicePolicy.DEFAULT);
    }

    private long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Test
    void neverTwoChecksOfOneServiceAtOnceAndRequestsMeanwhileBecomeOneMore() throws Exception {
        Path runs = dir.resolve("runs");
        Path overlaps = dir.resolve("overlaps");
        Path busy = dir.resolve("busy");
        script("scripts/slow.sh", "mkdir " + busy + " 2>/dev/null || echo overlap >> " + overlaps + "\n"
                + "echo run >> " + runs + "\nsleep 0.5\nrmdir " + busy + "\n");
        supervisor.start(List.of(checked("web", "slow.sh", "")), Map.of());

        for (int i = 0; i < 5; i++) {
            runner.checkNow("web", clock.instant());
        }
        runner.scheduled("web");

        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.states().get("web").checkCount() == 2);
        Thread.sleep(700);
        assertThat(lines(runs)).isEqualTo(2);
        assertThat(overlaps).doesNotExist();
    }

    @Test
    void aHangingCheckDoesNotDelayAnotherService() throws Exception {
        script("scripts/hang.sh", "sleep 5\n");
        script("scripts/quick.sh", "echo fine\n");
        supervisor.start(List.of(checked("stuck", "hang.sh", ""), checked("quick", "quick.sh", "")), Map.of());

        runner.checkNow("stuck", clock.instant());
        Thread.sleep(100);
        long begun = System.nanoTime();
        runner.scheduled("quick");

        await().atMost(Duration.ofSeconds(3)).until(() -> supervisor.states().get("quick").checkCount() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(Duration.ofSeconds(2));
        assertThat(supervisor.states().get("stuck").checkCount()).isZero();
    }

    @Test
    void aRestartRunsAfterTheCheckThatCalledForItAndIsFollowedByAFreshCheck() throws Exception {
        Path up = dir.resolve("up");
        script("scripts/up.sh", "[ -e " + up + " ]\n");
        Path start = script("daemons/start", "touch " + up + "\n");
        supervisor.start(List.of(checked("web", "up.sh", start.toString())), Map.of());

        runner.checkNow("web", clock.instant());

        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("RECOVERY web"));
        assertThat(events).containsExactly("PROBLEM web", "RESTARTED web", "RECOVERY web");
        assertThat(supervisor.states().get("web").checkCount()).isEqualTo(2);
        assertThat(planned).containsKey("web");
    }

    @Test
    void aProblemInASharedSnapshotIsConfirmedOnANewReadBeforeAnythingIsDone() throws Exception {
        String seconds = "300." + System.nanoTime() % 1_000_000_000; // how this test's sleep is told apart
        ProcFs procFs = new ProcFs();
        ProcessTable beforeItStarted = procFs.snapshot();
        Process sleeper = new ProcessBuilder("sleep", seconds).start();
        try {
            AtomicInteger reads = new AtomicInteger();
            runner.close(Duration.ofSeconds(2));
            runner = new CheckRunner(supervisor, new ProcessSnapshots(
                    () -> reads.getAndIncrement() == 0 ? beforeItStarted : procFs.snapshot(), clock),
                    watches, tools, clock, 4, 2);
            supervisor.start(List.of(new ServiceSpec("sleeper", "sleep", 0, seconds, 1, 1, "", null, null,
                    StartMode.PLAIN, "", Origin.of(Path.of("services.conf"), 1), ServicePolicy.DEFAULT)), Map.of());

            runner.scheduled("sleeper");

            await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.states().get("sleeper").checkCount() == 1);
            assertThat(reads).as("the shared snapshot, then a new read").hasValue(2);
            assertThat(supervisor.states().get("sleeper").recentResults()).singleElement()
                    .satisfies(result -> assertThat(result.state()).isEqualTo(State.OK));
            assertThat(events).isEmpty();
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    @Test
    void remoteChecksInFlightHoldNoThreadOfTheirHostAndReadNothingTheyDoNotNeed() {
        Map<String, CompletableFuture<ExecResult>> started = new ConcurrentHashMap<>();
        CommandRunner host = new CommandRunner() {
            @Override
            public ExecResult run(ExecRequest request) {
                throw new AssertionError("a remote check must not wait on a thread");
            }

            @Override
            public CompletableFuture<ExecResult> start(ExecRequest request) {
                return started.computeIfAbsent(request.environment().get("SMART_SERVICE"),
                        name -> new CompletableFuture<>());
            }
        };
        ServiceChecker farChecker = new ServiceChecker(new CheckEnvironment(Path.of("/etc/smart/scripts"),
                Path.of("/etc/smart/plugins"), "127.0.0.1", Duration.ofSeconds(10), Map.of(), Path.of("/etc/smart")),
                host, new TcpPortProbe(), clock);
        AtomicInteger stateReads = new AtomicInteger();
        Site far = new Site("far", () -> {
            stateReads.incrementAndGet();
            return new Snapshot(ProcessTable.of(List.of()), PidFileReader.LOCAL, new TcpPortProbe());
        }, farChecker, null, 1, () -> null);
        runner.use(new ServiceTools(tools.settings(), tools.checker(), tools.restarter(), List.of(),
                new RemoteHosts() {
                    @Override
                    public List<Site> sites() {
                        return List.of(far);
                    }

                    @Override
                    public void listen(java.util.function.Consumer<org.smart.site.HostChange> listener) {
                    }

                    @Override
                    public void close() {
                    }
                }, CheckResultFeed.none()));
        List<String> names = List.of("a", "b", "c");
        supervisor.start(names.stream().map(CheckRunnerTest::remote).toList(), Map.of());

        names.forEach(name -> runner.checkNow(name, clock.instant()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(started).as("checks sent off by the host's one thread").containsOnlyKeys(names));
        started.values().forEach(answer -> answer.complete(
                new ExecResult(0, "OK - fine", false, false, Duration.ofMillis(5), null)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(names)
                .allSatisfy(name -> assertThat(supervisor.states().get(name).checkCount()).isEqualTo(1)));
        assertThat(supervisor.views()).allSatisfy(view -> assertThat(view.reason()).isEqualTo("OK - fine"));
        assertThat(stateReads).as("reads of the host's processes for services judged by their scripts alone")
                .hasValue(0);
    }

    private static ServiceSpec remote(String name) {
        return new ServiceSpec(name, "x", 0, "", 0, 0, "", null, null, StartMode.PLAIN, "ok.sh",
                Origin.of(Path.of("smart.yml"), 1), ServicePolicy.DEFAULT, "far");
    }
}
