package org.smart.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.action.Rebooter;
import org.smart.action.RestartEnvironment;
import org.smart.action.Restarter;
import org.smart.action.StartCommand;
import org.smart.check.CheckEnvironment;
import org.smart.check.ServiceChecker;
import org.smart.check.TcpPortProbe;
import org.smart.daemon.Daemon;
import org.smart.daemon.ServiceTools;
import org.smart.exec.ChildEnvironment;
import org.smart.exec.LocalCommandRunner;
import org.smart.feed.CheckResultFeed;
import org.smart.feed.FeedConfigException;
import org.smart.feed.Feeds;
import org.smart.model.Config;
import org.smart.model.HostSettings;
import org.smart.model.ServiceSpec;
import org.smart.notify.Channel;
import org.smart.notify.ChannelSpools;
import org.smart.notify.CommandChannel;
import org.smart.notify.MailChannel;
import org.smart.notify.Outbox;
import org.smart.notify.WebhookChannel;
import org.smart.oneshot.Notifications;
import org.smart.oneshot.OneShotRun;
import org.smart.oneshot.RunOptions;
import org.smart.oneshot.StateDirRepairGate;
import org.smart.process.DetachedLauncher;
import org.smart.process.ProcFs;
import org.smart.process.ProcessKiller;
import org.smart.process.ProcessWatcher;
import org.smart.remote.RemoteSites;
import org.smart.site.RemoteHosts;
import org.smart.site.Site;
import org.smart.site.Sites;
import org.smart.ssh.SshTransport;

/** Builds the one-shot pipeline and the daemon from a configuration: the only place that knows every concrete part. */
final class Wiring {

    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    private Wiring() {
    }

    static OneShotRun oneShot(Config config, RunOptions options) {
        Clock clock = Clock.systemUTC();
        HostSettings settings = config.settings();
        Map<String, String> childEnv = ChildEnvironment.ofCurrentProcess().variables();
        LocalCommandRunner runner = new LocalCommandRunner();
        ProcFs procFs = new ProcFs();
        ServiceChecker checker = checker(config, runner, childEnv, clock);
        Restarter restarter = restarter(config, checker, runner, procFs, childEnv, clock);
        Notifications notifications = new Notifications(settings, outboxes(config, clock), clock, options.dryRun());
        Rebooter rebooter = new Rebooter(settings.rebootCommand(), config.directory(), childEnv, runner);
        Site local = Site.local(() -> checker.localSnapshot(procFs.snapshot()), checker, restarter,
                parallelism(config.services().size()));
        return new OneShotRun(config, options, sites(config, local, clock), notifications, rebooter,
                options.dryRun() ? CheckResultFeed.none() : feed(config), new StateDirRepairGate(settings.stateDir()),
                clock);
    }

    /**
     * This machine and the remote hosts with services. The SSH transport starts only when there is a remote
     * service; each host connects on first use, so a run of selected services connects only their hosts.
     */
    private static Sites sites(Config config, Site local, Clock clock) {
        if (config.services().stream().noneMatch(ServiceSpec::isRemote)) {
            return new Sites(local, List.of(), List.of());
        }
        SshTransport transport = SshTransport.start(clock, System::getenv);
        RemoteSites remote = RemoteSites.build(config, config.services(), transport, clock);
        return new Sites(local, remote.sites(), List.of(transport));
    }

    /** The feeds the configuration enables; one that cannot start is logged and left out, the run goes on. */
    static CheckResultFeed feed(Config config) {
        if (!config.feed().anyEnabled()) {
            return CheckResultFeed.none();
        }
        try {
            return new CheckResultFeed(config.feed().names(), Feeds.start(config.feed(), System.getenv()));
        } catch (FeedConfigException e) {
            log.warn("results are not fed to Nagios/Icinga: {}", e.getMessage());
            return CheckResultFeed.none();
        }
    }

    /** The daemon for {@code config}; its STATE_DIR must be final (after {@code --state-dir}). */
    static Daemon daemon(Config config) throws IOException {
        Clock clock = Clock.systemUTC();
        Transport transport = new Transport(clock);
        return new Daemon(config, c -> daemonTools(c, transport, clock), new ProcFs(), new ProcessWatcher(), clock);
    }

    /**
     * Made again on every reload: remote hosts get new connections from the daemon's one SSH transport, the
     * feeds start again with the configuration's settings.
     */
    private static ServiceTools daemonTools(Config config, Transport transport, Clock clock) {
        Map<String, String> childEnv = ChildEnvironment.ofCurrentProcess().variables();
        LocalCommandRunner runner = new LocalCommandRunner();
        ServiceChecker checker = checker(config, runner, childEnv, clock);
        Restarter restarter = restarter(config, checker, runner, new ProcFs(), childEnv, clock);
        RemoteHosts remote = config.services().stream().anyMatch(ServiceSpec::isRemote)
                ? RemoteSites.build(config, config.services(), transport.get(), clock) : RemoteHosts.NONE;
        return new ServiceTools(config.settings(), checker, restarter, channels(config), remote, feed(config),
                new Rebooter(config.settings().rebootCommand(), config.directory(), childEnv, runner));
    }

    /** The daemon's one SSH transport, started when a configuration first has a remote service. */
    private static final class Transport {
        private final Clock clock;
        private SshTransport started;

        Transport(Clock clock) {
            this.clock = clock;
        }

        synchronized SshTransport get() {
            if (started == null) {
                started = SshTransport.start(clock, System::getenv);
            }
            return started;
        }
    }

    private static ServiceChecker checker(Config config, LocalCommandRunner runner, Map<String, String> childEnv,
                                          Clock clock) {
        HostSettings settings = config.settings();
        CheckEnvironment checkEnvironment = new CheckEnvironment(config.scriptsDir(), config.pluginsDir(),
                settings.checkHost(), settings.checkTimeout(), childEnv, config.directory());
        return new ServiceChecker(checkEnvironment, runner, new TcpPortProbe(), clock);
    }

    private static Restarter restarter(Config config, ServiceChecker checker, LocalCommandRunner runner, ProcFs procFs,
                                       Map<String, String> childEnv, Clock clock) {
        HostSettings settings = config.settings();
        RestartEnvironment restartEnvironment = new RestartEnvironment(settings, config.directory(), childEnv,
                logDir(settings));
        return new Restarter(restartEnvironment, checker, procFs, runner, new ProcessKiller(procFs),
                new DetachedLauncher(), clock);
    }

    /** Mail if MAIL_TO is set, a webhook if WEBHOOK_URL is, a command if NOTIFY_COMMAND is: daemon and cron alike. */
    private static List<Channel> channels(Config config) {
        HostSettings settings = config.settings();
        List<Channel> channels = new ArrayList<>();
        if (settings.mailEnabled()) {
            channels.add(new MailChannel(settings, System::getenv));
        }
        if (settings.webhookEnabled()) {
            channels.add(new WebhookChannel(settings.webhookUrl(), settings.notifyTimeout(), settings.webhookFormat()));
        }
        if (settings.notifyCommandEnabled()) {
            channels.add(new CommandChannel(StartCommand.argv(settings.notifyCommand(), null, config.directory()),
                    System.getenv(), settings.notifyTimeout()));
        }
        return channels;
    }

    /** One outbox per channel, on the daemon's spools: a cron run notifies through every channel the daemon would. */
    private static List<Outbox> outboxes(Config config, Clock clock) {
        Path stateDir = config.settings().stateDir();
        return channels(config).stream()
                .map(channel -> new Outbox(ChannelSpools.dirFor(stateDir, channel), List.of(channel), clock))
                .toList();
    }

    /** Start logs go to STATE_DIR/logs when it can be made; otherwise started services write to /dev/null. */
    private static Path logDir(HostSettings settings) {
        Path dir = settings.stateDir().resolve("logs");
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir) ? dir : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** Checks mostly wait on other processes, so a few more threads than cores pay; more just contend. */
    private static int parallelism(int services) {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(services, Math.max(4, 4 * cores)));
    }
}
