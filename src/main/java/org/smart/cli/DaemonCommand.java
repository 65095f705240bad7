package org.smart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.daemon.Daemon;
import org.smart.model.Config;
import org.smart.systemd.ServiceManager;
import org.smart.systemd.SystemdNotify;
import org.smart.systemd.Watchdog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smart daemon}: monitor continuously in the foreground until SIGTERM. */
@Command(name = "daemon", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Monitor the services continuously, in the foreground.",
            "Checks each service every INTERVAL, notices a dead process at once, repairs what RECOVER covers",
            "within RESTART_LIMIT, and notifies. Under systemd (Type=notify) it says READY=1 once its scheduler",
            "runs, and feeds WatchdogSec only while that scheduler keeps turning.",
            "Logs one line per event to stderr. SIGTERM stops it cleanly; SIGHUP reloads the configuration",
            "(a configuration with problems is rejected, and the running one stays in force).",
            ""},
        footer = {"", "Exit status: 0 stopped cleanly, 3 configuration or state directory unusable."})
final class DaemonCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    DaemonConfigOptions options;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Invocation invocation = Invocation.current();
        Supplier<Config> loader = () -> options.load(invocation);
        Config config = loader.get();
        config.problems().forEach(problem -> LOG.warn("configuration problem (the rest is monitored): {}", problem));
        if (config.services().isEmpty()) {
            err.println("smart: no service to monitor in " + config.directory());
            return SmartCommand.EXIT_USAGE;
        }
        Daemon daemon;
        try {
            daemon = Wiring.daemon(config);
            daemon.start();
        } catch (Daemon.AlreadyRunningException e) {
            err.println("smart: " + e.getMessage());
            return SmartCommand.EXIT_USAGE;
        } catch (IOException e) {
            err.println("smart: cannot use the state directory " + config.settings().stateDir() + ": " + e);
            return SmartCommand.EXIT_USAGE;
        }
        ServiceManager systemd = SystemdNotify.fromEnvironment(System.getenv());
        systemd.send("READY=1", "STATUS=" + monitoring(daemon));
        Optional<Watchdog> watchdog = Watchdog.timeout(System.getenv(), ProcessHandle.current().pid())
                .map(timeout -> Watchdog.start(systemd, timeout, daemon::schedulerTurning));
        Signals.onHangup(() -> reload(daemon, loader, systemd));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            systemd.send("STOPPING=1", "STATUS=stopping: letting checks and restarts under way finish");
            watchdog.ifPresent(Watchdog::close);
            daemon.stop();
        }, "smart-shutdown"));
        daemon.awaitStop();
        return 0;
    }

    /** systemd shows RELOADING while the configuration is read, then READY with the outcome. */
    private static void reload(Daemon daemon, Supplier<Config> loader, ServiceManager systemd) {
        // MONOTONIC_USEC: systemd pairs RELOADING with the READY that ends it; nanoTime is CLOCK_MONOTONIC on Linux
        systemd.send("RELOADING=1", "MONOTONIC_USEC=" + System.nanoTime() / 1000, "STATUS=reloading the configuration");
        boolean taken = daemon.reload(loader);
        systemd.send("READY=1", "STATUS=" + monitoring(daemon)
                + (taken ? "" : "; the last reload was rejected (see the journal)"));
    }

    private static String monitoring(Daemon daemon) {
        return "monitoring " + daemon.serviceCount() + " service(s)";
    }
}
