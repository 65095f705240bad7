package org.smart.action;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.check.ServiceCheck;
import org.smart.check.ServiceChecker;
import org.smart.check.Snapshot;
import org.smart.check.SnapshotSource;
import org.smart.check.State;
import org.smart.check.Status;
import org.smart.check.UnreachableException;
import org.smart.exec.CommandRunner;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;
import org.smart.model.HostSettings;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;
import org.smart.process.DetachedCommand;
import org.smart.process.DetachedLauncher;
import org.smart.process.PidFileCheck;
import org.smart.process.PidFileState;
import org.smart.process.ProcessInfo;
import org.smart.process.ProcessKiller;
import org.smart.process.ProcessSource;
import org.smart.process.ProcessStopper;
import org.smart.process.StopReport;

/**
 * The restart procedure of SPEC section 4: stop, clean up what the service left behind, start it
 * detached, and re-check until it is OK or its start timeout has passed. The procedure is the same on
 * this machine and on a remote host; the parts that touch the machine (snapshots, commands, signals,
 * files, the launcher) are given.
 */
public final class Restarter {

    private static final Logger log = LoggerFactory.getLogger(Restarter.class);
    private static final Duration FIRST_RECHECK_DELAY = Duration.ofMillis(100);
    private static final Duration LONGEST_RECHECK_DELAY = Duration.ofSeconds(1);
    private static final Duration PID_FILE_GRACE = Duration.ofSeconds(2);
    /** How much of a failed start command's output a report shows: its last lines, which say why. */
    static final int LAST_LINES = 5;

    private final RestartEnvironment environment;
    private final ServiceChecker checker;
    private final SnapshotSource snapshots;
    private final CommandRunner runner;
    private final ProcessStopper stopper;
    private final ServiceLauncher launcher;
    private final FileRemover files;
    private final Clock clock;

    /** A restarter for this machine. */
    public Restarter(RestartEnvironment environment, ServiceChecker checker, ProcessSource processes,
                     CommandRunner runner, ProcessKiller killer, DetachedLauncher launcher, Clock clock) {
        this(environment, checker, () -> checker.localSnapshot(processes.snapshot()), runner, killer,
                command -> {
                    long logSizeThen = StartedCommand.sizeOf(command.logFile());
                    return StartedCommand.of(launcher.launch(command), command.logFile(), logSizeThen);
                }, FileRemover.LOCAL, clock);
    }

    /**
     * @param checker   re-checks the service, with the snapshots of its machine
     * @param snapshots fresh snapshots of the machine the service runs on
     * @param runner    runs {@code start_command stop} there
     */
    public Restarter(RestartEnvironment environment, ServiceChecker checker, SnapshotSource snapshots,
                     CommandRunner runner, ProcessStopper stopper, ServiceLauncher launcher, FileRemover files,
                     Clock clock) {
        this.environment = environment;
        this.checker = checker;
        this.snapshots = snapshots;
        this.runner = runner;
        this.stopper = stopper;
        this.launcher = launcher;
        this.files = files;
        this.clock = clock;
    }

    /** The steps a restart would take, for {@code --dry-run}. */
    public List<String> plan(ServiceSpec spec) {
        List<String> steps = new ArrayList<>();
        if (spec.startMode() == StartMode.INIT_SCRIPT) {
            steps.add("run '" + spec.startCommand() + " stop'");
        }
        steps.add("stop the remaining processes of '" + spec.processName() + "' (TERM, then KILL after "
                + seconds(settings().stopTimeout()) + ")");
        spec.pidFileOpt().ifPresent(p -> steps.add("remove " + p + " if stale"));
        spec.sockFileOpt().ifPresent(p -> steps.add("remove " + p + " if stale"));
        steps.add("start '" + spec.startCommand() + (spec.startMode() == StartMode.INIT_SCRIPT ? " start'" : "'"));
        steps.add("re-check until OK, at most " + seconds(settings().startTimeout()));
        return steps;
    }

    /** Restarts the service; a remote host lost on the way ends the restart with the service UNREACHABLE. */
    public RestartOutcome restart(ServiceSpec spec) {
        Instant started = clock.instant();
        List<String> steps = new ArrayList<>();
        Recheck recheck;
        try {
            recheck = restart(spec, steps);
        } catch (UnreachableException e) {
            steps.add("gave up: " + e.describe());
            log.warn("{}: restart failed: {}", spec.name(), String.join("; ", steps));
            return new RestartOutcome(steps, ServiceCheck.unreachable(spec, e.describe(), clock.instant()), false,
                    Duration.between(started, clock.instant()));
        }
        ServiceCheck after = recheck.last();
        boolean ok = after.state() == State.OK;
        steps.add(ok ? "OK again after " + seconds(Duration.between(started, clock.instant()))
                : recheck.startFailed() ? "still " + after.state() + ": " + after.reason() + " (the start failed and"
                        + " nothing of the service runs: no use waiting the start timeout)"
                : "still " + after.state() + " after " + seconds(settings().startTimeout()) + ": " + after.reason());
        log.info("{}: restart {}: {}", spec.name(), ok ? "succeeded" : "failed", String.join("; ", steps));
        return new RestartOutcome(steps, after, ok, Duration.between(started, clock.instant()));
    }

    /**
     * Stops the service, as a restart's first half: {@code start_command stop} for an init script, then what
     * is left of its processes. Used for an operator's {@code smart stop}.
     *
     * @return the steps taken, for the operator
     */
    public List<String> stop(ServiceSpec spec) {
        List<String> steps = new ArrayList<>();
        try {
            if (spec.startMode() == StartMode.INIT_SCRIPT) {
                steps.add(runStop(spec));
            }
            stopLeftovers(spec, steps);
        } catch (UnreachableException e) {
            steps.add("gave up: " + e.describe());
        }
        if (steps.isEmpty()) {
            steps.add("nothing of it was running");
        }
        log.info("{}: stopped: {}", spec.name(), String.join("; ", steps));
        return steps;
    }

    /**
     * The last re-check of a restart.
     *
     * @param startFailed the start command could not run, or failed while nothing of the service ran:
     *                    re-checking stopped before the start timeout
     */
    private record Recheck(ServiceCheck last, boolean startFailed) {
    }

    private Recheck restart(ServiceSpec spec, List<String> steps) {
        if (spec.startMode() == StartMode.INIT_SCRIPT) {
            steps.add(runStop(spec));
        }
        stopLeftovers(spec, steps);
        removeStaleFiles(spec, steps);
        StartedCommand starter = start(spec, steps);
        return awaitOk(spec, starter, steps);
    }

    private String runStop(ServiceSpec spec) {
        List<String> argv = StartCommand.argv(spec.startCommand(), "stop", environment.configDir());
        ExecResult result = runner.run(new ExecRequest(argv, environment.childEnvironment(), Path.of("/"),
                settings().stopTimeout()));
        if (!result.started()) {
            return "'" + spec.startCommand() + " stop' could not run: " + result.failure();
        }
        if (result.timedOut()) {
            return "'" + spec.startCommand() + " stop' timed out after " + seconds(settings().stopTimeout());
        }
        return "ran '" + spec.startCommand() + " stop' (exit " + result.exitCode() + ")";
    }

    private void stopLeftovers(ServiceSpec spec, List<String> steps) {
        if (!spec.hasProcessTest()) {
            return;
        }
        Snapshot snapshot = snapshots.snapshot();
        PidFileCheck pidFile = checker.pidFile(spec, snapshot);
        List<ProcessInfo> leftovers = checker.processesOf(spec, pidFile, snapshot.processes());
        // SMART's own processes may be the service's (cron running SMART as its job) but are never signalled.
        List<ProcessInfo> stoppable = leftovers.stream().filter(snapshot.processes()::maySignal).toList();
        if (stoppable.size() < leftovers.size()) {
            steps.add("left alone pid(s) " + leftovers.stream().filter(p -> !stoppable.contains(p))
                    .map(p -> String.valueOf(p.pid())).collect(Collectors.joining(", "))
                    + ": pid 1, SMART or a process SMART runs under");
        }
        if (stoppable.isEmpty()) {
            return;
        }
        StopReport report = stopper.stop(stoppable, settings().stopTimeout());
        steps.add("stopped " + stoppable.size() + " leftover process(es): " + report.summary());
    }

    private void removeStaleFiles(ServiceSpec spec, List<String> steps) {
        if (spec.pidFile() != null) {
            PidFileCheck check = checker.pidFile(spec, snapshots.snapshot());
            if (check.state() != PidFileState.MISSING && check.state() != PidFileState.CORRECT) {
                removeFile(spec.pidFile(), FileRemover.Kind.PID_FILE, steps);
            }
        }
        spec.sockFileOpt().ifPresent(sock -> removeFile(sock, FileRemover.Kind.SOCKET, steps));
    }

    private void removeFile(Path file, FileRemover.Kind kind, List<String> steps) {
        try {
            FileRemover.Removal removal = files.removeStale(file, kind);
            if (removal.removed()) {
                steps.add("removed " + kind.words() + " " + file);
            } else if (removal.keptBecause() != null) {
                steps.add("left " + file + " in place: " + removal.keptBecause());
            }
        } catch (IOException e) {
            steps.add("could not remove " + kind.words() + " " + file + ": " + e.getMessage());
        }
    }

    private StartedCommand start(ServiceSpec spec, List<String> steps) {
        String argument = spec.startMode() == StartMode.INIT_SCRIPT ? "start" : null;
        List<String> argv = StartCommand.argv(spec.startCommand(), argument, environment.configDir());
        try {
            StartedCommand process = launcher.launch(new DetachedCommand(argv, environment.childEnvironment(),
                    Path.of("/"), environment.startLog(spec)));
            steps.add("started '" + spec.startCommand() + (argument == null ? "'" : " start'") + " (pid "
                    + process.pid() + (spec.isRemote() ? " on " + spec.host() : "") + ")");
            return process;
        } catch (IOException e) {
            steps.add("could not start '" + spec.startCommand() + "': " + e.getMessage());
            return null;
        }
    }

    /**
     * Re-checks with growing pauses until the service is fully OK (status 0) or the start timeout
     * passes. A service that answers before it has written its pid file (status 1) gets a short
     * grace to finish starting, so the report shows it as it will stay. A start command that could not
     * run, or that exited non-zero while nothing of the service runs, ends the wait at once: nothing is
     * coming up. One that failed while something of the service runs (a daemon it forked, an instance
     * that was already there) gets the start timeout as usual.
     */
    private Recheck awaitOk(ServiceSpec spec, StartedCommand starter, List<String> steps) {
        Instant deadline = clock.instant().plus(settings().startTimeout());
        Instant settledBy = null;
        Duration delay = FIRST_RECHECK_DELAY;
        boolean starterExitReported = false;
        while (true) {
            sleep(delay);
            // read before the check, so a daemon the command forked before exiting is in the snapshot
            int exit = starter == null ? 0 : starter.exitStatus().orElse(0);
            ServiceCheck check = checker.check(spec, snapshots.snapshot());
            Instant now = clock.instant();
            if (check.state() == State.OK && settledBy == null) {
                settledBy = now.plus(PID_FILE_GRACE);
            }
            boolean settled = check.status() == Status.OK
                    || (check.state() == State.OK && !now.isBefore(settledBy));
            if (settled || !now.isBefore(deadline)) {
                return new Recheck(check, false);
            }
            if (!starterExitReported && exit != 0) {
                steps.add("start command exited " + exit + said(starter.output()));
                starterExitReported = true;
            }
            boolean nothingRuns = check.state() != State.OK && check.processCount() == 0;
            if (starter == null || (exit != 0 && nothingRuns)) {
                return new Recheck(check, true);
            }
            delay = delay.multipliedBy(2).compareTo(LONGEST_RECHECK_DELAY) > 0 ? LONGEST_RECHECK_DELAY
                    : delay.multipliedBy(2);
        }
    }

    /** The last lines a start command printed, on one line for the report: ": line / line", or nothing. */
    static String said(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        String text = String.join(" / ", lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size()));
        return text.isEmpty() ? "" : ": " + text;
    }

    private HostSettings settings() {
        return environment.settings();
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a restarted service", e);
        }
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
    }
}
