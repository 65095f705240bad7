package org.smart.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.smart.action.RestartEnvironment;
import org.smart.action.Restarter;
import org.smart.check.CheckEnvironment;
import org.smart.check.TcpPortProbe;
import org.smart.check.ServiceChecker;
import org.smart.exec.ChildEnvironment;
import org.smart.exec.LocalCommandRunner;
import org.smart.model.Config;
import org.smart.model.HostSettings;
import org.smart.notify.MailChannel;
import org.smart.notify.Outbox;
import org.smart.oneshot.Notifications;
import org.smart.oneshot.OneShotRun;
import org.smart.oneshot.Rebooter;
import org.smart.oneshot.RunOptions;
import org.smart.process.DetachedLauncher;
import org.smart.process.ProcFs;
import org.smart.process.ProcessKiller;

/** Builds the one-shot pipeline from a configuration: the only place that knows every concrete part. */
final class Wiring {

    private Wiring() {
    }

    static OneShotRun oneShot(Config config, RunOptions options) {
        Clock clock = Clock.systemUTC();
        HostSettings settings = config.settings();
        Map<String, String> childEnv = ChildEnvironment.ofCurrentProcess().variables();
        LocalCommandRunner runner = new LocalCommandRunner();
        ProcFs procFs = new ProcFs();
        CheckEnvironment checkEnvironment = new CheckEnvironment(config.scriptsDir(), config.pluginsDir(),
                settings.checkHost(), settings.checkTimeout(), childEnv, config.directory());
        ServiceChecker checker = new ServiceChecker(checkEnvironment, runner, new TcpPortProbe(), clock);
        RestartEnvironment restartEnvironment = new RestartEnvironment(settings, config.directory(), childEnv,
                logDir(settings));
        Restarter restarter = new Restarter(restartEnvironment, checker, procFs, runner, new ProcessKiller(procFs),
                new DetachedLauncher(), clock);
        Notifications notifications = new Notifications(settings, outbox(settings, clock), clock, options.dryRun());
        Rebooter rebooter = new Rebooter(settings.rebootCommand(), config.directory(), childEnv, runner);
        return new OneShotRun(config, options, procFs, checker, restarter, notifications, rebooter,
                parallelism(config.services().size()));
    }

    private static Outbox outbox(HostSettings settings, Clock clock) {
        if (!settings.mailEnabled()) {
            return null;
        }
        return new Outbox(settings.stateDir().resolve("spool"), List.of(new MailChannel(settings, System::getenv)),
                clock);
    }

    /** Start logs go to STATE_DIR/logs when it can be made; otherwise started services write to /dev/null. */
    private static Path logDir(HostSettings settings) {
        Path dir = settings.stateDir().resolve("logs");
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir) ? dir : null;
        } catch (java.io.IOException | SecurityException e) {
            return null;
        }
    }

    /** Checks mostly wait on other processes, so a few more threads than cores pay; more just contend. */
    private static int parallelism(int services) {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(services, Math.max(4, 4 * cores)));
    }
}
