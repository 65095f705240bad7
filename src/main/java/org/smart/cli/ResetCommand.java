package org.smart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.smart.daemon.ServiceReset;
import org.smart.model.Config;
import org.smart.model.ServiceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smart reset NAME}: the daemon manages a given-up service again. */
@Command(name = "reset", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Clear a service the daemon has given up.",
            "Its count of restarts is cleared too, so the daemon restarts it again when needed.",
            "Works whether or not the daemon is running.", ""},
        footer = {"", "Exit status: 0 reset, 1 the running daemon did not take the request in time,",
            "3 unknown service or configuration refused."})
final class ResetCommand implements Callable<Integer> {

    private static final Duration WAIT_FOR_DAEMON = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    DaemonConfigOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "The service to reset.")
    String name;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config config = options.load(Invocation.current());
        Set<String> configured = config.services().stream().map(ServiceSpec::name).collect(Collectors.toSet());
        ServiceReset.Result result;
        try {
            result = ServiceReset.reset(config.settings().stateDir(), name, configured, WAIT_FOR_DAEMON);
        } catch (IOException e) {
            err.println("smart: cannot reset '" + name + "' in " + config.settings().stateDir() + ": " + e.getMessage());
            return SmartCommand.EXIT_USAGE;
        }
        (result.exitCode() == 0 ? out : err).println(result.exitCode() == 0 ? result.message()
                : "smart: " + result.message());
        return result.exitCode();
    }
}
