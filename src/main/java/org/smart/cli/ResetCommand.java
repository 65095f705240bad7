package org.smart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.smart.control.ControlClient;
import org.smart.control.ControlReply;
import org.smart.control.ControlRequest;
import org.smart.daemon.ServiceReset;
import org.smart.model.Config;
import org.smart.model.ServiceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smart reset NAME...}: the daemon manages a given-up or flapping service again. */
@Command(name = "reset", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Clear a service the daemon has given up, and its flapping history.",
            "Its count of restarts is cleared too, so the daemon restarts it again when needed.",
            "Works whether or not the daemon is running (without one, in the saved state).", ""},
        footer = {"", "With a daemon: root and members of the group CONTROL_GROUP (default 'smart'); without: root.",
            "Exit status: 0 reset, 1 not reset (a daemon runs but does not answer), 3 no daemon and the state",
            "cannot be changed, not allowed, unknown service or configuration refused."})
final class ResetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DaemonConfigOptions options;

    @Option(names = "--json", description = "Print the outcome as JSON: a services array with service, done, message.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The services to reset.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config config = options.load(Invocation.current());
        Path stateDir = config.settings().stateDir();
        ControlReply reply;
        try {
            reply = new ControlClient(stateDir).ask(ControlRequest.of("reset", names),
                    DaemonRequest.patience(config.settings()));
        } catch (ControlClient.NoDaemonException none) {
            return resetSaved(config, out, err);
        } catch (IOException e) {
            err.println("smart: " + e.getMessage());
            return DaemonRequest.EXIT_REFUSED;
        }
        int exit = DaemonRequest.show("reset", reply, json, out, err);
        out.flush();
        return exit;
    }

    /** No daemon runs: the saved state is changed, service by service. */
    private int resetSaved(Config config, PrintWriter out, PrintWriter err) {
        Set<String> configured = config.services().stream().map(ServiceSpec::name).collect(Collectors.toSet());
        int worst = 0;
        List<Map<String, Object>> results = new ArrayList<>();
        for (String name : names) {
            ServiceReset.Result result;
            try {
                result = ServiceReset.reset(config.settings().stateDir(), name, configured);
            } catch (IOException e) {
                result = new ServiceReset.Result(DaemonRequest.EXIT_REFUSED, "cannot reset '" + name + "' in "
                        + config.settings().stateDir() + ": " + e.getMessage());
            }
            worst = Math.max(worst, result.exitCode());
            results.add(Map.of("service", name, "done", result.exitCode() == 0, "message", result.message()));
            if (!json) {
                (result.exitCode() == 0 ? out : err).println(result.exitCode() == 0 ? result.message()
                        : "smart: " + result.message());
            }
        }
        if (json) {
            out.print(DaemonRequest.json(Map.of("command", "reset", "services", results)));
        }
        out.flush();
        return worst;
    }
}
