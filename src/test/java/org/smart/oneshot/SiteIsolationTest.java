package org.smart.oneshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.action.Rebooter;
import org.smart.check.CheckEnvironment;
import org.smart.check.ServiceChecker;
import org.smart.check.State;
import org.smart.check.TcpPortProbe;
import org.smart.exec.ChildEnvironment;
import org.smart.exec.LocalCommandRunner;
import org.smart.feed.CheckResultFeed;
import org.smart.model.Config;
import org.smart.model.HostSettings;
import org.smart.model.Origin;
import org.smart.model.ServicePolicy;
import org.smart.model.RemoteHost;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;
import org.smart.policy.CliMode;
import org.smart.process.ProcFs;
import org.smart.remote.RemoteSites;
import org.smart.site.Site;
import org.smart.site.Sites;
import org.smart.ssh.RemoteHostSpec;
import org.smart.ssh.SshTransport;
import org.smart.testing.BlackHole;

/** A black-holed remote host costs its own services their connect timeout, and this machine's nothing. */
class SiteIsolationTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    @Test
    void blackHoledHostDoesNotDelayTheChecksOfThisMachine() throws Exception {
        Path scripts = Files.createDirectories(tmp.resolve("scripts"));
        Path ok = Files.writeString(scripts.resolve("ok.sh"), "#!/bin/sh\necho OK\n");
        Files.setPosixFilePermissions(ok, PosixFilePermissions.fromString("rwx------"));
        ServiceSpec local = new ServiceSpec("local", "", 0, "", 0, 0, "", null, null, StartMode.PLAIN, "ok.sh",
                Origin.of(null, 0), ServicePolicy.DEFAULT);
        ServiceSpec remote = new ServiceSpec("remote", "sshd", 0, "", 1, 1, "", null, null, StartMode.PLAIN, "",
                Origin.of(null, 0), ServicePolicy.DEFAULT, "hole");
        Clock clock = Clock.systemUTC();
        try (BlackHole hole = new BlackHole(); SshTransport transport = SshTransport.start()) {
            RemoteHostSpec ssh = RemoteHostSpec.builder("hole", "127.0.0.1", "root", key(), tmp.resolve("known_hosts"))
                    .port(hole.port()).connectTimeout(CONNECT_TIMEOUT).build();
            HostSettings settings = HostSettings.defaults("agent");
            Config config = new Config(tmp, settings, List.of(local, remote), List.of(),
                    List.of(new RemoteHost(ssh, Path.of("/etc/smart"), "127.0.0.1", Origin.of(null, 0))),
                    org.smart.feed.FeedConfig.disabled("agent"));
            ProcFs procFs = new ProcFs();
            ServiceChecker checker = new ServiceChecker(new CheckEnvironment(scripts, tmp, "127.0.0.1",
                    Duration.ofSeconds(5), ChildEnvironment.ofCurrentProcess().variables(), tmp),
                    new LocalCommandRunner(), new TcpPortProbe(), clock);
            Site localSite = Site.local(() -> checker.localSnapshot(procFs.snapshot()), checker, null, 4);
            Sites sites = new Sites(localSite, RemoteSites.build(config, config.services(), transport, clock).sites(),
                    List.of());
            RunOptions options = new RunOptions(CliMode.CHECK_ONLY, false, List.of(), "test");
            OneShotRun run = new OneShotRun(config, options, sites, new Notifications(settings, List.of(), clock, false),
                    new Rebooter("/bin/true", tmp, Map.of(), new LocalCommandRunner()), CheckResultFeed.none(), RepairGate.OPEN,
                    clock);
            Instant start = clock.instant();

            RunReport report = run.run();

            Duration took = Duration.between(start, clock.instant());
            ServiceReport localReport = report.services().get(0);
            ServiceReport remoteReport = report.services().get(1);
            assertThat(localReport.finalState()).isEqualTo(State.OK);
            assertThat(Duration.between(start, localReport.before().checkedAt()))
                    .as("this machine's check, next to a host that never answers").isLessThan(Duration.ofSeconds(1));
            assertThat(remoteReport.finalState()).isEqualTo(State.UNREACHABLE);
            assertThat(remoteReport.before().reason()).startsWith("host hole is DOWN: ").contains("did not finish");
            assertThat(took).isBetween(CONNECT_TIMEOUT, CONNECT_TIMEOUT.plusSeconds(3));
            assertThat(report.hosts()).containsExactly(new HostReport("hole", false,
                    remoteReport.before().reason().substring("host hole is DOWN: ".length())));
            assertThat(report.exitCode()).isEqualTo(RunReport.EXIT_UNKNOWN);
        }
    }

    private Path key() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is not installed");
        Path key = tmp.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        keygen.getInputStream().readAllBytes();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return key;
    }
}
