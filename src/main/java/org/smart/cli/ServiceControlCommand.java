package org.smart.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.smart.control.ControlReply;
import org.smart.control.ControlRequest;
import org.smart.model.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The commands that ask the running daemon to act on some services and wait for its answer:
 * {@code restart}, {@code stop}, {@code start}, {@code monitor}, {@code unmonitor}, {@code check}.
 */
abstract class ServiceControlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DaemonConfigOptions options;

    @Option(names = "--json", description = "Print the daemon's answer as JSON: a services array with service, done,"
            + " message, state, status, reason, steps.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The services.")
    List<String> names = new ArrayList<>();

    /** The command's name in the protocol: the subcommand's own name, unless it says otherwise. */
    String command() {
        return spec.name();
    }

    ControlRequest request() {
        return ControlRequest.of(command(), names);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config config = options.load(Invocation.current());
        ControlReply reply = DaemonRequest.send(config.settings().stateDir(), request(),
                DaemonRequest.patience(config.settings()), err);
        if (reply == null) {
            return DaemonRequest.EXIT_REFUSED;
        }
        int exit = DaemonRequest.show(command(), reply, json, out, err);
        out.flush();
        return exit;
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Restart services through the running daemon and show the re-check.",
                "An operator's restart counts neither towards flapping nor towards the restart guard.", ""},
            footer = {"", "Needs a running daemon; root and members of the group CONTROL_GROUP (default 'smart') may"
                + " use it.", "Exit status: 0 restarted and OK, 1 not restarted or WARN after it, 2 DOWN or"
                + " UNREACHABLE after it,", "3 no daemon, not allowed, unknown service or configuration refused."})
    static final class Restart extends ServiceControlCommand {
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Stop services through the running daemon.",
                "A stopped service is neither checked nor restarted until 'smart start NAME', also after a restart"
                    + " of the daemon.", ""},
            footer = {"", "Needs a running daemon; root and members of the group CONTROL_GROUP (default 'smart') may"
                + " use it.", "Exit status: 0 stopped, 1 not stopped for some service, 3 no daemon, not allowed,"
                + " unknown service", "or configuration refused."})
    static final class Stop extends ServiceControlCommand {
    }

    @Command(name = "start", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Start services stopped with 'smart stop', and monitor them again.", ""},
            footer = {"", "Needs a running daemon; root and members of the group CONTROL_GROUP (default 'smart') may"
                + " use it.", "Exit status: 0 started and OK (or not stopped), 1 not started or WARN after it, 2 DOWN"
                + " after it,", "3 no daemon, not allowed, unknown service or configuration refused."})
    static final class Start extends ServiceControlCommand {
    }

    @Command(name = "monitor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Monitor services again after 'smart unmonitor' (or 'smart stop'): checked at once,"
                + " repaired and notified about as configured.", ""}, footer = {"",
                "Needs a running daemon; root and members of the group CONTROL_GROUP (default 'smart') may use it.",
                "Exit status: 0 done, 3 no daemon, not allowed, unknown service or configuration refused."})
    static final class Monitor extends ServiceControlCommand {
    }

    @Command(name = "unmonitor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Stop monitoring services: no checks, actions or notifications until 'smart monitor NAME',"
                + " also after a restart of the daemon. Their processes are left as they are.", ""}, footer = {"",
                "Needs a running daemon; root and members of the group CONTROL_GROUP (default 'smart') may use it.",
                "Exit status: 0 done, 3 no daemon, not allowed, unknown service or configuration refused."})
    static final class Unmonitor extends ServiceControlCommand {
    }

    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Have the running daemon check services now and show the result.",
                "The result counts as any other check: it may lead the daemon to repair or notify.", ""},
            footer = {"", "Needs a running daemon; root and members of the group CONTROL_GROUP (default 'smart') may"
                + " use it.", "Exit status: 0 all OK, 1 worst is WARN (or some service not checked), 2 some service"
                + " DOWN or UNREACHABLE,", "3 no daemon, not allowed, unknown service or configuration refused."})
    static final class Check extends ServiceControlCommand {
    }
}
