package org.smart.oneshot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.action.Rebooter;
import org.smart.action.RestartOutcome;
import org.smart.check.ServiceCheck;
import org.smart.feed.CheckResultFeed;
import org.smart.model.Config;
import org.smart.model.ServiceSpec;
import org.smart.policy.Action;
import org.smart.policy.ActionPlanner;
import org.smart.policy.CliMode;
import org.smart.site.Site;
import org.smart.site.Sites;

/**
 * One run of SMART as cron runs it: one snapshot per site (this machine's {@code /proc}, each remote host's
 * state over its SSH connection, all at once), every service checked concurrently on its site's threads, the
 * action table applied, restarts re-checked, notifications sent, results fed to Nagios/Icinga, and a report.
 * Closing the run closes the SSH connections and drains the feeds.
 */
public final class OneShotRun implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OneShotRun.class);

    private final Config config;
    private final RunOptions options;
    private final Sites sites;
    private final Notifications notifications;
    private final Rebooter rebooter;
    private final CheckResultFeed feed;
    private final RepairGate gate;
    private final Clock clock;

    /** @param gate who may repair a service now; asked before every restart and held until it is over */
    public OneShotRun(Config config, RunOptions options, Sites sites, Notifications notifications, Rebooter rebooter,
                      CheckResultFeed feed, RepairGate gate, Clock clock) {
        this.config = config;
        this.options = options;
        this.sites = sites;
        this.notifications = notifications;
        this.rebooter = rebooter;
        this.feed = feed;
        this.gate = gate;
        this.clock = clock;
    }

    public RunReport run() {
        List<ServiceSpec> services = selectedServices();
        if (!options.dryRun()) {
            notifications.flushPending();
        }
        List<SiteRound.Result> rounds = checkEverySite(services);
        List<ServiceReport> reports = inConfigOrder(services, rounds);
        List<HostReport> hosts = rounds.stream().map(SiteRound.Result::host).filter(h -> h != null).toList();
        notifications.notifyHosts(hosts, options);
        notifications.notifyServices(reports, options);
        Rebooter.Outcome reboot = null;
        if (options.mode() == CliMode.REBOOT || options.mode() == CliMode.ALL) {
            notifications.notifyGeneral(reports, options);
        }
        if (!options.dryRun()) {
            reports.forEach(report -> feed.service(report.after()));
            hosts.forEach(host -> feed.host(host.name(), host.up(), host.detail(), clock.instant()));
        }
        if (options.mode() == CliMode.REBOOT) {
            reboot = options.dryRun() ? new Rebooter.Outcome(true, "would run '" + config.settings().rebootCommand() + "'")
                    : rebooter.reboot(options.invoker());
        }
        return new RunReport(config.settings().hostname(), options, reports, config.problems(),
                notifications.lines(), notifications.anyFailed(), reboot == null ? null : reboot.line(),
                reboot != null && !reboot.succeeded(), hosts);
    }

    /** Closes the SSH connections and drains the feeds (within their drain time). */
    @Override
    public void close() {
        sites.close();
        feed.close();
    }

    private List<ServiceSpec> selectedServices() {
        if (options.selected().isEmpty()) {
            return config.services();
        }
        Set<String> wanted = Set.copyOf(options.selected());
        return config.services().stream().filter(s -> wanted.contains(s.name())).toList();
    }

    /** Every site side by side, each on its own thread: a dead host costs its own connect timeout, nothing more. */
    private List<SiteRound.Result> checkEverySite(List<ServiceSpec> services) {
        List<CompletableFuture<SiteRound.Result>> rounds = new ArrayList<>();
        sites.group(services).forEach((site, own) -> {
            CompletableFuture<SiteRound.Result> round = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    round.complete(SiteRound.run(site, own, this::act, clock));
                } catch (RuntimeException | Error e) {
                    round.completeExceptionally(e);
                }
            }, "site-" + site.displayName());
            thread.setDaemon(true);
            thread.start();
            rounds.add(round);
        });
        return rounds.stream().map(CompletableFuture::join).toList();
    }

    private static List<ServiceReport> inConfigOrder(List<ServiceSpec> services, List<SiteRound.Result> rounds) {
        Map<String, ServiceReport> byName = new HashMap<>();
        rounds.forEach(round -> round.reports().forEach(report -> byName.put(report.name(), report)));
        return services.stream().map(spec -> byName.get(spec.name())).toList();
    }

    private ServiceReport act(Site site, ServiceCheck before) {
        ServiceSpec spec = before.spec();
        Set<Action> actions = actionsFor(before);
        if (!actions.contains(Action.RESTART)) {
            return new ServiceReport(before, actions, List.of(), null);
        }
        if (options.dryRun()) {
            return new ServiceReport(before, actions, site.restarter().plan(spec), null);
        }
        try (RepairGate.Entry entry = gate.enter(spec.name())) {
            if (entry.refused()) {
                log.info("{}: busy, {}; not acted on", spec.name(), entry.busy());
                return ServiceReport.busy(before, entry.busy());
            }
            return restartIfStillNeeded(site, before);
        }
    }

    /**
     * Checks the service again under its lock: another run may have repaired it between this run's check and
     * the lock, and restarting it on the strength of the older check would start it twice.
     */
    private ServiceReport restartIfStillNeeded(Site site, ServiceCheck before) {
        ServiceSpec spec = before.spec();
        ServiceCheck now = site.checker().check(spec, site.snapshots().snapshot());
        Set<Action> actions = actionsFor(now);
        if (!actions.contains(Action.RESTART)) {
            log.info("{}: {} when checked again under its lock ({}); not restarted", spec.name(), now.state(),
                    now.reason());
            return new ServiceReport(now, actions, List.of(), null);
        }
        log.info("{}: status {} ({}), restarting: {}", spec.name(), now.status().code(), now.state(), now.reason());
        RestartOutcome outcome = site.restarter().restart(spec);
        return new ServiceReport(now, actions, List.of(), outcome);
    }

    private Set<Action> actionsFor(ServiceCheck check) {
        return ActionPlanner.actionsFor(check.state(), options.mode(), check.spec().isRestartable());
    }
}
