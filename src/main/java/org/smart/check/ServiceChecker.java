package org.smart.check;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.smart.exec.CommandRunner;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;
import org.smart.exec.Futures;
import org.smart.model.ServiceSpec;
import org.smart.process.PidFileCheck;
import org.smart.process.PidFileReader;
import org.smart.process.PidFileState;
import org.smart.process.PidFiles;
import org.smart.process.ProcessInfo;
import org.smart.process.ProcessTable;

/**
 * Checks one service against a snapshot of its machine: counts its processes, judges its pid file, asks
 * its check script or port whether it responds, and classifies the result. The same checker logic serves
 * this machine and remote hosts; what differs is the snapshot and the runner that runs check scripts.
 */
public final class ServiceChecker {

    private final CheckEnvironment environment;
    private final CommandRunner runner;
    private final PortProbe portProbe;
    private final Clock clock;

    /** @param portProbe used for snapshots of this machine ({@link #localSnapshot}) */
    public ServiceChecker(CheckEnvironment environment, CommandRunner runner, PortProbe portProbe, Clock clock) {
        this.environment = environment;
        this.runner = runner;
        this.portProbe = portProbe;
        this.clock = clock;
    }

    /** This machine's processes, with its pid files and ports asked live. */
    public Snapshot localSnapshot(ProcessTable processes) {
        return new Snapshot(processes, PidFileReader.LOCAL, portProbe);
    }

    public ServiceCheck check(ServiceSpec spec, ProcessTable processes) {
        return check(spec, localSnapshot(processes));
    }

    /** @throws UnreachableException when the service's remote host is lost while its check script runs */
    public ServiceCheck check(ServiceSpec spec, Snapshot snapshot) {
        return Futures.join(start(spec, snapshot));
    }

    /**
     * Checks the service without waiting for its check script or plugin: the result completes when the command
     * has answered, on the runner's thread. With a runner that holds no thread while a command runs (a remote
     * host's), a thousand checks in flight cost no thousand threads. Completes with an
     * {@link UnreachableException} when the service's remote host is lost meanwhile.
     */
    public CompletableFuture<ServiceCheck> start(ServiceSpec spec, Snapshot snapshot) {
        PidFileCheck pidFile = pidFile(spec, snapshot);
        int count = spec.hasProcessTest() ? countProcesses(spec, pidFile, snapshot.processes()) : 0;
        CompletableFuture<ProbeOutcome> probe = spec.hasCheckCommand()
                ? runner.start(checkRequest(spec)).thenApply(result -> checkCommandOutcome(spec, result))
                : CompletableFuture.completedFuture(probeWithoutCommand(spec, snapshot.ports()));
        return probe.thenApply(outcome -> {
            Status status = StatusClassifier.classify(outcome.responsiveness(), countInBounds(spec, count),
                    acceptable(pidFile));
            return new ServiceCheck(spec, status, count, pidFile, outcome, clock.instant());
        });
    }

    /**
     * Whether the service's processes and pid file are as they should be in {@code snapshot}, without
     * running its check script or probing its port: what a caller holding an older snapshot asks
     * before it trusts that snapshot with a problem.
     */
    public boolean processesInOrder(ServiceSpec spec, Snapshot snapshot) {
        PidFileCheck pidFile = pidFile(spec, snapshot);
        return acceptable(pidFile)
                && (!spec.hasProcessTest() || countInBounds(spec, countProcesses(spec, pidFile, snapshot.processes())));
    }

    private static boolean countInBounds(ServiceSpec spec, int count) {
        return !spec.hasProcessTest() || spec.processCountInBounds(count);
    }

    private static boolean acceptable(PidFileCheck pidFile) {
        return pidFile.state() == PidFileState.NOT_DEFINED || pidFile.state() == PidFileState.CORRECT;
    }

    /** What the service's pid file says, read through the snapshot. */
    public PidFileCheck pidFile(ServiceSpec spec, Snapshot snapshot) {
        return PidFiles.check(spec.pidFile(), spec.processName(), spec.processParam(), snapshot.processes(),
                snapshot.pidFiles());
    }

    /**
     * The processes that belong to the service (CONFIGURATION.md, "What belongs to a service"): the correct pid
     * file's process and the descendants it started, else the name+argument matches; never SMART's own. The one
     * answer for counting, watching and stopping, on this machine and on remote hosts.
     */
    public List<ProcessInfo> processesOf(ServiceSpec spec, PidFileCheck pidFile, ProcessTable processes) {
        if (pidFile.state() == PidFileState.CORRECT) {
            Optional<ProcessInfo> main = processes.get(pidFile.pid());
            if (main.isPresent()) {
                return processes.treeOf(main.get(), spec.processName(), spec.processParam());
            }
        }
        return processes.matching(spec.processName(), spec.processParam());
    }

    private int countProcesses(ServiceSpec spec, PidFileCheck pidFile, ProcessTable processes) {
        return processesOf(spec, pidFile, processes).size();
    }

    private ProbeOutcome probeWithoutCommand(ServiceSpec spec, PortProbe ports) {
        return spec.hasPort() ? probePort(spec, ports) : ProbeOutcome.noTool();
    }

    private ProbeOutcome probePort(ServiceSpec spec, PortProbe ports) {
        ProbeResult result = ports.probe(environment.checkHost(), spec.port(), environment.timeout());
        Responsiveness responsiveness = result.responding() ? Responsiveness.RESPONDING : Responsiveness.NOT_RESPONDING;
        return new ProbeOutcome(responsiveness, "port " + spec.port() + ": " + result.detail(), null, -1,
                result.elapsed());
    }

    private ProbeOutcome checkCommandOutcome(ServiceSpec spec, ExecResult result) {
        if (!result.started()) {
            String what = spec.hasPlugin() ? "plugin " : "check script ";
            return new ProbeOutcome(Responsiveness.NOT_RESPONDING, what + result.failure(), null, -1,
                    result.elapsed());
        }
        PluginOutput output = PluginOutputParser.parse(result.output());
        Responsiveness responsiveness = result.timedOut() ? Responsiveness.NOT_RESPONDING
                : Responsiveness.ofExitCode(result.exitCode(), followsPluginStates(spec));
        return new ProbeOutcome(responsiveness, summarize(spec, result, output, responsiveness), output,
                result.exitCode(), result.elapsed());
    }

    /**
     * A {@code plugin:} line and a {@code .nag} wrapper speak the Nagios plugin API (WARNING is exit 1); any
     * other check script only says responding (exit 0) or not.
     */
    private static boolean followsPluginStates(ServiceSpec spec) {
        return spec.hasPlugin() || spec.checkScript().endsWith(".nag");
    }

    private String summarize(ServiceSpec spec, ExecResult result, PluginOutput output, Responsiveness responsiveness) {
        String text = output.text();
        if (result.timedOut()) {
            return checkName(spec) + " timed out after " + environment.timeoutSeconds() + " s"
                    + (text.isEmpty() ? "" : ": " + text);
        }
        if (responsiveness.answered()) {
            return text; // a degraded service's reason is the plugin's own output
        }
        return checkName(spec) + " exited " + result.exitCode() + (text.isEmpty() ? "" : ": " + text);
    }

    private static String checkName(ServiceSpec spec) {
        return spec.hasPlugin() ? spec.plugin().name() : spec.checkScript();
    }

    /**
     * A check script gets the address, port and timeout as {@code $1..$3}; a plugin its own arguments
     * with the same values in place of its macros. Both get them as SMART_* variables too.
     */
    private ExecRequest checkRequest(ServiceSpec spec) {
        String port = spec.hasPort() ? String.valueOf(spec.port()) : "";
        String timeout = String.valueOf(environment.timeoutSeconds());
        Map<String, String> env = new HashMap<>(environment.baseEnvironment());
        env.put("SMART_SERVICE", spec.name());
        env.put("SMART_HOST", environment.checkHost());
        env.put("SMART_PORT", port);
        env.put("SMART_TIMEOUT", timeout);
        env.put("SMART_PLUGINS", environment.pluginsDir().toString());
        env.put("SMART_PROCESS", spec.processName());
        List<String> argv = spec.hasPlugin()
                ? spec.plugin().argv(Map.of("HOST", environment.checkHost(), "PORT", port, "TIMEOUT", timeout,
                        "SERVICE", spec.name(), "PLUGINS", environment.pluginsDir().toString()))
                : List.of(environment.scriptsDir().resolve(spec.checkScript()).toString(),
                        environment.checkHost(), port, timeout);
        return new ExecRequest(argv, env, environment.workingDir(), environment.timeout());
    }
}
