package org.smart.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.check.ServiceCheck;
import org.smart.check.Status;
import org.smart.check.UnreachableException;
import org.smart.feed.CheckResultFeed;
import org.smart.feed.FeedNames;
import org.smart.feed.PassiveResult;
import org.smart.feed.PassiveResultSink;
import org.smart.model.Config;
import org.smart.model.ServiceSpec;
import org.smart.notify.Notification;
import org.smart.notify.NotificationKind;
import org.smart.site.HostWatch;
import org.smart.site.Site;
import org.smart.ssh.OpenSshServer;
import org.smart.ssh.SshTransport;

/** A host whose sshd dies in the middle of a check and comes back, with a private sshd (the test kills it). */
class HostDownTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private OpenSshServer sshd;
    private SshTransport transport;
    private final List<Notification> notifications = new CopyOnWriteArrayList<>();
    private final List<PassiveResult> fed = new CopyOnWriteArrayList<>();
    private final List<String> rechecked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        sshd = OpenSshServer.create(10);
        sshd.start();
        transport = SshTransport.start();
    }

    @AfterEach
    void tearDown() {
        transport.close();
        sshd.close();
    }

    @Test
    void sshdKilledMidCheckMakesTheHostDownItsServicesUnreachableWithOneNotificationThenOneRecovery() throws Exception {
        RemoteConf conf = new RemoteConf(tmp, sshd);
        conf.remoteScript("scripts/ok.sh", "#!/bin/sh\necho OK\n");
        String slowSleep = "sleep 20." + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 999_999);
        conf.remoteScript("scripts/slow.sh", "#!/bin/sh\n" + slowSleep + "\n");
        Config config = conf.load(
                "  - { name: ok, host: lo, procs: {min: 0, max: 0}, check: ok.sh }",
                "  - { name: slow, host: lo, procs: {min: 0, max: 0}, check: slow.sh }");
        RemoteSites remote = RemoteSites.build(config, config.services(), transport, Clock.systemUTC());
        Site site = remote.sites().get(0);
        remote.listen(new HostWatch("agent1", notifications::add,
                new CheckResultFeed(FeedNames.defaults("agent1"), new Collected()), rechecked::add, Clock.systemUTC()));
        ServiceSpec ok = service(config, "ok");
        assertThat(site.checker().check(ok, site.snapshots().snapshot()).status()).isEqualTo(Status.OK);
        CompletableFuture<ServiceCheck> midCheck = CompletableFuture.supplyAsync(
                () -> site.checker().check(service(config, "slow"), site.snapshots().snapshot()));
        await().atMost(WAIT).until(() -> LocalProcesses.count(slowSleep) > 0);

        sshd.kill();

        assertThatThrownBy(() -> midCheck.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(UnreachableException.class)
                .cause().hasMessageStartingWith("host lo is DOWN: connection to").hasMessageContaining("lost");
        await().atMost(WAIT).until(() -> notifications.size() == 1);
        assertThat(notifications.get(0).kind()).isEqualTo(NotificationKind.HOST_DOWN);
        assertThat(notifications.get(0).subject()).isEqualTo("[SMART] agent1: host lo DOWN, its services are UNREACHABLE");
        assertThatThrownBy(() -> site.snapshots().snapshot()).isInstanceOfSatisfying(UnreachableException.class,
                e -> assertThat(e.isHostDown()).isTrue());
        assertThat(site.downReason().get()).isNotNull();

        sshd.start();

        await().atMost(WAIT).until(() -> notifications.size() == 2);
        assertThat(notifications.get(1).kind()).isEqualTo(NotificationKind.HOST_UP);
        assertThat(notifications.get(1).subject()).isEqualTo("[SMART] agent1: host lo UP again");
        assertThat(site.checker().check(ok, site.snapshots().snapshot()).status()).isEqualTo(Status.OK);
        assertThat(fed).extracting(PassiveResult::code).containsExactly(PassiveResult.HOST_UP,
                PassiveResult.HOST_DOWN, PassiveResult.HOST_UP);
        assertThat(fed).allSatisfy(r -> assertThat(r.hostName()).isEqualTo("lo"));
        assertThat(rechecked).as("the host's services are checked when it goes DOWN and when it is back")
                .containsExactly("lo", "lo");
        await().during(Duration.ofMillis(500)).until(() -> notifications.size() == 2);
    }

    private static ServiceSpec service(Config config, String name) {
        return config.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** A feed that keeps what it is given. */
    private final class Collected implements PassiveResultSink {
        @Override
        public boolean submit(PassiveResult result) {
            fed.add(result);
            return true;
        }

        @Override
        public void close() {
        }
    }
}
