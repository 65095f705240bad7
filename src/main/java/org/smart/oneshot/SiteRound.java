package org.smart.oneshot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.check.ProbeOutcome;
import org.smart.check.Responsiveness;
import org.smart.check.ServiceCheck;
import org.smart.check.Snapshot;
import org.smart.check.Status;
import org.smart.check.UnreachableException;
import org.smart.exec.Futures;
import org.smart.model.ServiceSpec;
import org.smart.process.PidFileCheck;
import org.smart.process.PidFileState;
import org.smart.site.Site;

/**
 * One site's part of a run: one snapshot, then its services checked and acted on with the site's own
 * threads, so a slow or dead remote host holds up nothing but its own services. A remote host's checks are
 * all sent off at once and hold no thread while the host runs them (so they go out together, in a few
 * batches); what is done about each answer runs on the site's threads. A host that cannot be reached makes
 * all of them UNREACHABLE, unchecked and untouched.
 */
final class SiteRound {

    private static final Logger log = LoggerFactory.getLogger(SiteRound.class);

    /** Acts on one service of the site after its check: restarts it, or plans to. */
    @FunctionalInterface
    interface Work {
        ServiceReport apply(Site site, ServiceCheck before);
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
        List<ServiceReport> reports = checkAndAct(site, snapshot, services, work, clock);
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

    /**
     * A service's report from its check and what was done about it: UNREACHABLE when its host was lost
     * meanwhile, and a bug in one service's check or action costs only that service, reported as not
     * responding.
     */
    private static ServiceReport report(ServiceSpec spec, ServiceReport done, Throwable failure, Clock clock) {
        if (failure == null) {
            return done;
        }
        Throwable cause = Futures.cause(failure);
        if (cause instanceof UnreachableException e) {
            log.warn("{}: UNREACHABLE: {}", spec.name(), e.describe());
            return unreachable(spec, e, clock);
        }
        log.error("{}: check failed unexpectedly", spec.name(), cause);
        ProbeOutcome failed = new ProbeOutcome(Responsiveness.NOT_RESPONDING, "internal error: " + cause, null, -1,
                Duration.ZERO);
        ServiceCheck check = new ServiceCheck(spec, Status.NOT_RESPONDING, 0,
                new PidFileCheck(PidFileState.NOT_DEFINED, 0, ""), failed, clock.instant());
        return new ServiceReport(check, Set.of(), List.of(), null);
    }

    private static ServiceReport unreachable(ServiceSpec spec, UnreachableException e, Clock clock) {
        return new ServiceReport(ServiceCheck.unreachable(spec, e.describe(), clock.instant()), Set.of(),
                List.of(), null);
    }

    private static List<ServiceReport> checkAndAct(Site site, Snapshot snapshot, List<ServiceSpec> services, Work work,
                                                   Clock clock) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(site.parallelism(), services.size()),
                runnable -> {
                    Thread thread = new Thread(runnable, "check-" + site.displayName());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<CompletableFuture<ServiceReport>> reports = new ArrayList<>(services.size());
            for (ServiceSpec spec : services) {
                reports.add(CompletableFuture.supplyAsync(() -> site.checker().start(spec, snapshot), pool)
                        .thenCompose(check -> check)
                        .thenApplyAsync(before -> work.apply(site, before), pool)
                        .handle((done, failure) -> report(spec, done, failure, clock)));
            }
            return reports.stream().map(SiteRound::await).toList();
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
