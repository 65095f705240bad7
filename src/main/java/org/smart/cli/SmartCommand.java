package org.smart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.smart.control.ControlClient;
import org.smart.control.ControlReply;
import org.smart.control.ControlRequest;
import org.smart.model.Config;
import org.smart.oneshot.OneShotRun;
import org.smart.oneshot.RunOptions;
import org.smart.oneshot.RunReport;
import org.smart.output.JsonReport;
import org.smart.output.MetricsReport;
import org.smart.output.TableReport;
import org.smart.policy.CliMode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smart}: check every service once, and with an action flag, repair what is broken. */
@Command(name = "smart",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Checks the services of this host once and, with an action flag, repairs them.",
            "Without an action flag it only checks and shows. Run it from cron, or use 'smart daemon'.",
            ""},
        footer = {
            "",
            "Exit status: 0 all OK, 1 worst is WARN (or a notification waits in the spool),",
            "2 some service is DOWN after recovery, 3 configuration or usage error, or some service is",
            "UNREACHABLE because its remote host cannot be reached (Nagios UNKNOWN).",
            "A service that another SMART run is repairing is shown 'busy' and left to it;",
            "it counts with the state this run found.",
            "--reboot exits 2 when REBOOT_COMMAND fails.",
            "While a daemon runs on the state directory, -w, -d, -wd, --all and --reboot",
            "hand their work to it and show its results (exit status as above); without an",
            "action flag, and with --dry-run, a run acts itself."})
public final class SmartCommand implements Callable<Integer> {

    public static final int EXIT_USAGE = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfOption conf;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ActionFlags flags;

    static final class ActionFlags {
        @ArgGroup(exclusive = false, multiplicity = "1")
        WarnDown warnDown;

        @Option(names = "--all", required = true,
                description = "Restart every service whatever its state; notify about WARN and DOWN ones.")
        boolean all;

        @Option(names = "--reboot", required = true,
                description = "Send a general notification, then reboot the system (REBOOT_COMMAND).")
        boolean reboot;
    }

    static final class WarnDown {
        @Option(names = "-w", description = "Restart services in WARN state and notify about them.")
        boolean warn;

        @Option(names = "-d", description = "Restart services in DOWN state and notify about them; "
                + "notify (only) about WARN ones. -wd restarts both.")
        boolean down;
    }

    @Option(names = "--dry-run", description = "Show what would be done; change nothing, send nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the result as JSON instead of a table.")
    boolean json;

    @Option(names = "--metrics", description = "Print the result as Prometheus metrics instead of a table"
            + " (for node_exporter's textfile collector).")
    boolean metrics;

    @Option(names = {"-v", "--verbose"}, description = "Log each step to stderr.")
    boolean verbose;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Check only these services (default: all).")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json && metrics) {
            err.println("smart: use only one output format: --json or --metrics");
            return EXIT_USAGE;
        }
        Invocation invocation = Invocation.current();
        Config config = TrustedConfig.load(conf.dir, invocation);
        config.problems().forEach(p -> err.println("smart: " + p));
        List<String> unknown = services.stream()
                .filter(name -> config.services().stream().noneMatch(s -> s.name().equals(name))).toList();
        if (!unknown.isEmpty()) {
            err.println("smart: unknown service(s): " + String.join(", ", unknown) + " (see " + config.directory() + ")");
            return EXIT_USAGE;
        }
        if (config.services().isEmpty()) {
            if (!config.hasProblems()) { // a configuration problem printed above already says so, in one line
                err.println("smart: no service to check in " + config.directory());
            }
            return EXIT_USAGE;
        }
        CliMode mode = mode();
        if (handsOver(mode)) {
            Integer handed = handToDaemon(config, mode, out, err);
            if (handed != null) {
                return handed;
            }
        }
        RunOptions options = new RunOptions(mode, dryRun, services, invocation.invoker());
        RunReport report;
        try (OneShotRun run = Wiring.oneShot(config, options)) {
            report = run.run();
        }
        out.print(json ? JsonReport.render(report)
                : metrics ? MetricsReport.render(report, Instant.now()) : TableReport.render(report));
        out.flush();
        return report.exitCode();
    }

    /**
     * Repairs, and the reboot, are the daemon's when one runs: never two supervisors acting on one service, and
     * no daemon "repairing" the services a reboot takes down.
     */
    private boolean handsOver(CliMode mode) {
        return !dryRun && mode != CliMode.CHECK_ONLY;
    }

    /**
     * Hands the run's work to the daemon running on the state directory, and shows its results; null when no
     * daemon answers, so that this run acts itself (its repair gate still keeps it from racing a daemon
     * that is just starting).
     */
    private Integer handToDaemon(Config config, CliMode mode, PrintWriter out, PrintWriter err) {
        Path stateDir = config.settings().stateDir();
        boolean reboot = mode == CliMode.REBOOT;
        ControlReply reply;
        try {
            reply = new ControlClient(stateDir).ask(new ControlRequest(
                    reboot ? "reboot" : "repair", services, null, null, reboot ? null : mode.name()),
                    reboot ? DaemonRequest.rebootPatience(config.settings())
                            : DaemonRequest.patience(config.settings()).multipliedBy(2));
        } catch (ControlClient.NoDaemonException none) {
            return null;
        } catch (IOException e) {
            err.println("smart: a SMART daemon runs on " + stateDir + " but this run cannot hand it its work: "
                    + e.getMessage() + "; nothing was done");
            return EXIT_USAGE;
        }
        if (!json && !reply.refused()) {
            out.println("handed to the SMART daemon running on " + stateDir + "; its results:");
        }
        int exit = reboot ? DaemonRequest.showReboot(reply, json || metrics, out, err)
                : DaemonRequest.show("repair", reply, json || metrics, out, err);
        out.flush();
        return exit;
    }

    private CliMode mode() {
        if (flags == null) {
            return CliMode.CHECK_ONLY;
        }
        if (flags.all) {
            return CliMode.ALL;
        }
        if (flags.reboot) {
            return CliMode.REBOOT;
        }
        boolean w = flags.warnDown.warn;
        boolean d = flags.warnDown.down;
        return w && d ? CliMode.WD : w ? CliMode.W : CliMode.D;
    }

    /** The {@code --conf} option shared by every command that reads the configuration. */
    public static final class ConfOption {
        @Option(names = {"-c", "--conf"}, paramLabel = "DIR",
                description = "Configuration directory (default: $SMART_CONF, else /etc/smart). Refused under sudo.")
        Path dir;
    }
}
