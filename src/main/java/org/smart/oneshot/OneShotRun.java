package org.smart.oneshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.action.RestartOutcome;
import org.smart.action.Restarter;
import org.smart.check.ProbeOutcome;
import org.smart.check.Responsiveness;
import org.smart.check.ServiceCheck;
import org.smart.check.Status;
import org.smart.check.ServiceChecker;
import org.smart.model.Config;
import org.smart.model.ServiceSpec;
import org.smart.policy.Action;
import org.smart.policy.ActionPlanner;
import org.smart.policy.CliMode;
import org.smart.process.PidFileCheck;
import org.smart.process.PidFileState;
import org.smart.process.ProcessSource;
import org.smart.process.ProcessTable;

/**
 * One run of SMART as cron runs it: read {@code /proc} once, check every service concurrently,
 * apply the action table, restart and re-check, notify, and report.
 */
public final class OneShotRun {

    private static final Logger log = LoggerFactory.getLogger(OneShotRun.class);

    private final Config config;
    private final RunOptions options;
    private final ProcessSource processes;
    private final ServiceChecker checker;
    private final Restarter restarter;
    private final Notifications notifications;
    private final Rebooter rebooter;
    private final int parallelism;

    public OneShotRun(Config config, RunOptions options, ProcessSource processes, ServiceChecker checker,
                      Restarter restarter, Notifications notifications, Rebooter rebooter, int parallelism) {
        this.config = config;
        this.options = options;
        this.processes = processes;
        this.checker = checker;
        this.restarter = restarter;
        this.notifications = notifications;
        this.rebooter = rebooter;
        this.parallelism = parallelism;
    }

    public RunReport run() {
        List<ServiceSpec> services = selectedServices();
        if (!options.dryRun()) {
            notifications.flushPending();
        }
        List<ServiceReport> reports = forEachConcurrently(services, checkAndAct(processes.snapshot()));
        notifications.notifyServices(reports, options);
        String reboot = null;
        if (options.mode() == CliMode.REBOOT || options.mode() == CliMode.ALL) {
            notifications.notifyGeneral(reports, options);
        }
        if (options.mode() == CliMode.REBOOT) {
            reboot = options.dryRun() ? "would run '" + config.settings().rebootCommand() + "'" : rebooter.reboot();
        }
        return new RunReport(config.settings().hostname(), options, reports, config.problems(),
                notifications.lines(), notifications.anyFailed(), reboot);
    }

    private List<ServiceSpec> selectedServices() {
        if (options.selected().isEmpty()) {
            return config.services();
        }
        Set<String> wanted = Set.copyOf(options.selected());
        return config.services().stream().filter(s -> wanted.contains(s.name())).toList();
    }

    /** A bug in one service's check must not cost the others theirs: it is reported as not responding. */
    private Function<ServiceSpec, ServiceReport> checkAndAct(ProcessTable table) {
        Function<ServiceSpec, ServiceReport> work = checkAndActUnguarded(table);
        return spec -> {
            try {
                return work.apply(spec);
            } catch (RuntimeException e) {
                log.error("{}: check failed unexpectedly", spec.name(), e);
                ProbeOutcome failed = new ProbeOutcome(Responsiveness.NOT_RESPONDING, "internal error: " + e,
                        null, -1, Duration.ZERO);
                ServiceCheck check = new ServiceCheck(spec, Status.NOT_RESPONDING, 0,
                        new PidFileCheck(PidFileState.NOT_DEFINED, 0, ""), failed, Instant.now());
                return new ServiceReport(check, Set.of(), List.of(), null);
            }
        };
    }

    private Function<ServiceSpec, ServiceReport> checkAndActUnguarded(ProcessTable table) {
        return spec -> {
            ServiceCheck before = checker.check(spec, table);
            Set<Action> actions = ActionPlanner.actionsFor(before.state(), options.mode(), spec.isRestartable());
            if (!actions.contains(Action.RESTART)) {
                return new ServiceReport(before, actions, List.of(), null);
            }
            if (options.dryRun()) {
                return new ServiceReport(before, actions, restarter.plan(spec), null);
            }
            log.info("{}: status {} ({}), restarting: {}", spec.name(), before.status().code(), before.state(),
                    before.reason());
            RestartOutcome outcome = restarter.restart(spec);
            return new ServiceReport(before, actions, List.of(), outcome);
        };
    }

    private <T, R> List<R> forEachConcurrently(List<T> items, Function<T, R> work) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()), daemonThreads());
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a check failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "check");
            thread.setDaemon(true);
            return thread;
        };
    }
}
