package org.smart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.daemon.Daemon;
import org.smart.model.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smart daemon}: monitor continuously in the foreground until SIGTERM. */
@Command(name = "daemon", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Monitor the services continuously, in the foreground.",
            "Runs under systemd (Type=simple): checks each service every INTERVAL, notices a dead process at once,",
            "repairs what RECOVER covers within RESTART_LIMIT, and notifies.",
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
        Signals.onHangup(() -> daemon.reload(loader));
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop, "smart-shutdown"));
        daemon.awaitStop();
        return 0;
    }
}
