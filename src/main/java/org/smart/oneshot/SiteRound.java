package org.smart.oneshot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.check.ServiceCheck;
import org.smart.check.Snapshot;
import org.smart.check.UnreachableException;
import org.smart.model.ServiceSpec;
import org.smart.site.Site;

/**
 * One site's part of a run: one snapshot, then its services checked (and acted on) on the site's own
 * threads, so a slow or dead remote host holds up nothing but its own services. A host that cannot be
 * reached makes all of them UNREACHABLE, unchecked and untouched.
 */
final class SiteRound {

    private static final Logger log = LoggerFactory.getLogger(SiteRound.class);

    /** Checks and acts on one service of the site against the round's snapshot. */
    @FunctionalInterface
    interface Work {
        ServiceReport apply(Site site, Snapshot snapshot, ServiceSpec spec);
    }

    /** What the round found: the services' reports in the order given, and the host, for a remote site. */
    record Result(Site site, List<ServiceReport> reports, HostReport host) {
    }

    private SiteRound() {
    }

    static Result run(Site site, List<ServiceSpec> services, Work work, Clock clock) {
        Snapshot snapshot;
        try {
            snapshot = snapshot(site);
        } catch (UnreachableException e) {
            log.warn("{}: {} service(s) UNREACHABLE: {}", site.displayName(), services.size(), e.describe());
            List<ServiceReport> reports = services.stream().map(spec -> unreachable(spec, e, clock)).toList();
            HostReport host = site.isRemote() ? new HostReport(site.host(), !e.isHostDown(), e.reason()) : null;
            return new Result(site, reports, host);
        }
        List<ServiceReport> reports = forEach(site, services, spec -> guarded(site, snapshot, spec, work, clock));
        HostReport host = site.isRemote() ? hostAfter(site, reports) : null;
        return new Result(site, reports, host);
    }

    /** A snapshot; a failure to take one (a bug, an unreadable answer) costs the site's services, not the run. */
    private static Snapshot snapshot(Site site) {
        try {
            return site.snapshots().snapshot();
        } catch (UnreachableException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("{}: cannot read the machine's state", site.displayName(), e);
            throw new UnreachableException(site.displayName(), site.displayName() + ": cannot read the machine's"
                    + " state: " + e);
        }
    }

    /** A host whose connection was lost in the middle of the round is DOWN too. */
    private static HostReport hostAfter(Site site, List<ServiceReport> reports) {
        return reports.stream().map(ServiceReport::after).filter(ServiceCheck::isUnreachable).findFirst()
                .map(check -> {
                    String down = site.downReason().get();
                    return down != null ? new HostReport(site.host(), false, down)
                            : new HostReport(site.host(), true, check.unreachable());
                })
                .orElse(HostReport.connected(site.host()));
    }

    private static ServiceReport guarded(Site site, Snapshot snapshot, ServiceSpec spec, Work work, Clock clock) {
        try {
            return work.apply(site, snapshot, spec);
        } catch (UnreachableException e) {
            log.warn("{}: UNREACHABLE: {}", spec.name(), e.describe());
            return unreachable(spec, e, clock);
        }
    }

    private static ServiceReport unreachable(ServiceSpec spec, UnreachableException e, Clock clock) {
        return new ServiceReport(ServiceCheck.unreachable(spec, e.describe(), clock.instant()), java.util.Set.of(),
                List.of(), null);
    }

    private static List<ServiceReport> forEach(Site site, List<ServiceSpec> services,
                                               java.util.function.Function<ServiceSpec, ServiceReport> check) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(site.parallelism(), services.size()),
                runnable -> {
                    Thread thread = new Thread(runnable, "check-" + site.displayName());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<ServiceReport>> futures = new ArrayList<>();
            services.forEach(spec -> futures.add(pool.submit(() -> check.apply(spec))));
            List<ServiceReport> reports = new ArrayList<>(services.size());
            for (Future<ServiceReport> future : futures) {
                reports.add(await(future));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a check failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }
}
