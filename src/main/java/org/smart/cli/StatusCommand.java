package org.smart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.smart.control.ControlClient;
import org.smart.control.ControlReply;
import org.smart.control.ControlRequest;
import org.smart.daemon.DaemonLock;
import org.smart.daemon.StatusReport;
import org.smart.model.Config;
import org.smart.model.ServiceSpec;
import org.smart.state.StateStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smart status [NAME...]}: the running daemon's view, or with {@code --saved} the last one it saved. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show the running daemon's view of every service (or of those named):",
            "state, SOFT/HARD, mode (monitored, unmonitored, stopped, silenced until T, given up), main pid,",
            "uptime, resident memory, flapping, restarts. PENDING: not checked yet.",
            "With --saved, the state the daemon last saved, whether or not it runs (root only).", ""},
        footer = {"", "Root and members of the group CONTROL_GROUP (default 'smart') may ask a running daemon.",
            "Exit status: 0 all OK (or PENDING), 1 worst is WARN, 2 some service is DOWN or UNREACHABLE,",
            "3 no daemon running (unless --saved), no saved state, not allowed, unknown service or configuration",
            "refused."})
final class StatusCommand implements Callable<Integer> {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Mixin
    DaemonConfigOptions options;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    @Option(names = "--saved", description = "Show the state last saved in the state directory instead of asking the"
            + " daemon; works when no daemon runs.")
    boolean saved;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only these services (default: all).")
    List<String> names = new ArrayList<>();

    static final class Format {
        @Option(names = "--json", description = "Print JSON: a services array with name, status, state, state_type,"
                + " mode, silenced_until, pid, uptime_s, rss_bytes, flapping, flapping_value, given_up, restarts,"
                + " check_count, last_check…")
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
        List<String> unknown = names.stream()
                .filter(name -> config.services().stream().map(ServiceSpec::name).noneMatch(name::equals)).toList();
        if (!unknown.isEmpty()) {
            err.println("smart: unknown service(s): " + String.join(", ", unknown) + " (see " + config.directory() + ")");
            return SmartCommand.EXIT_USAGE;
        }
        StatusReport report = saved ? savedReport(dir, config, err) : liveReport(dir, config, err);
        if (report == null) {
            return SmartCommand.EXIT_USAGE;
        }
        report = report.only(names);
        out.print(format.json ? report.json() : format.metrics ? report.metrics() : report.table());
        out.flush();
        return report.exitCode();
    }

    /** The running daemon's view; null (the reason printed) when none answers. */
    private StatusReport liveReport(Path dir, Config config, PrintWriter err) {
        ControlReply reply;
        try {
            reply = new ControlClient(dir).ask(ControlRequest.of("status", names), PATIENCE);
        } catch (ControlClient.NoDaemonException e) {
            OptionalLong pid = DaemonLock.holder(dir);
            if (pid.isPresent()) { // a daemon that could not open its socket (see its log) still saves its state
                err.println("smart: warning: the daemon" + (pid.getAsLong() > 0 ? " (pid " + pid.getAsLong() + ")" : "")
                        + " does not answer on its control socket; showing the state it saved");
                return savedReport(dir, config, err);
            }
            err.println("smart: " + e.getMessage() + "; 'smart status --saved' shows the last saved state");
            return null;
        } catch (IOException e) {
            err.println("smart: " + e.getMessage());
            return null;
        }
        if (reply.refused()) {
            err.println("smart: status: " + reply.error());
            return null;
        }
        try {
            return StatusReport.fromDaemon(dir, reply.status());
        } catch (IllegalArgumentException e) {
            err.println("smart: the daemon's status could not be read: " + e.getMessage());
            return null;
        }
    }

    private static StatusReport savedReport(Path dir, Config config, PrintWriter err) {
        if (!Files.exists(dir.resolve(StateStore.FILE_NAME))) {
            err.println("smart: no daemon state in " + dir + "; is 'smart daemon' running with this configuration?");
            return null;
        }
        try {
            return StatusReport.read(dir, config.services());
        } catch (IOException e) {
            err.println("smart: " + e.getMessage());
            return null;
        }
    }
}
