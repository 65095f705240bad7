package org.smart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.smart.daemon.StatusReport;
import org.smart.model.Config;
import org.smart.state.StateStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smart status}: the daemon's current view, from its state directory. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show the daemon's current view of every service.",
            "State, SOFT/HARD, flapping, restarts and whether it was given up.",
            "Works while the daemon runs and after it stopped.", ""},
        footer = {"", "Exit status: 0 all OK, 1 worst is WARN, 2 some service is DOWN or UNREACHABLE,",
            "3 no daemon state found or configuration refused."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DaemonConfigOptions options;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "Print JSON: a services array with name, status, state, state_type,"
                + " flapping, flapping_value, given_up, restarts, check_count, last_check…")
        boolean json;

        @Option(names = "--metrics", description = "Print Prometheus metrics (text format), e.g. for node_exporter's"
                + " textfile collector.")
        boolean metrics;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config config = options.load(Invocation.current());
        Path dir = config.settings().stateDir();
        StateStore.whyNotKept(dir).ifPresent(why -> err.println("smart: warning: the state directory " + dir + " "
                + why + ": a daemon on it monitors and repairs, but keeps no state and no notification spool; what"
                + " is shown here may be old"));
        if (!Files.exists(dir.resolve(StateStore.FILE_NAME))) {
            err.println("smart: no daemon state in " + dir + "; is 'smart daemon' running with this configuration?");
            return SmartCommand.EXIT_USAGE;
        }
        StatusReport report;
        try {
            report = StatusReport.read(dir, config.services());
        } catch (IOException e) {
            err.println("smart: " + e.getMessage());
            return SmartCommand.EXIT_USAGE;
        }
        out.print(format.json ? report.json() : format.metrics ? report.metrics() : report.table());
        out.flush();
        return report.exitCode();
    }
}
