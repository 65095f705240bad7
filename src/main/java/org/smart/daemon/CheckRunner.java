package org.smart.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.action.RestartOutcome;
import org.smart.check.ServiceCheck;
import org.smart.check.Snapshot;
import org.smart.check.UnreachableException;
import org.smart.exec.Futures;
import org.smart.model.ServiceSpec;
import org.smart.process.ProcessInfo;
import org.smart.process.ProcessTable;
import org.smart.site.Site;

/**
 * Runs checks and restarts on two bounded pools, so a check or restart that hangs holds one thread
 * and never the others' turn; each remote host has a pool of its own, whose checks hold no thread while
 * the host runs them. Never two checks of one service at once, and no check while it is
 * being restarted: a check asked for meanwhile runs right after (one, however many were asked for);
 * a scheduled check that finds its service busy is dropped, since the running one plans the next.
 */
final class CheckRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);
    /**
     * How old a process snapshot a scheduled check may use: checks due within this long share one read
     * of {@code /proc}, which costs as much as a check script's fork and exec on a small machine.
     */
    static final Duration SNAPSHOT_MAX_AGE = Duration.ofSeconds(1);
    private static final ProcessTable NO_PROCESSES = ProcessTable.of(List.of());
    /** What a remote check that needs nothing of its host's state gets instead of a snapshot. */
    private static final Snapshot NOTHING_READ = new Snapshot(NO_PROCESSES,
            (file, maxBytes) -> {
                throw new IllegalStateException("no pid file was read for a service without one");
            },
            (host, port, timeout) -> {
                throw new IllegalStateException("no port was read for a service with a check of its own");
            });

    /** Who may act on a service right now. Guarded by itself. */
    private static final class Slot {
        boolean busy;
        boolean restarting;
        /** A restart decided during the running check, started once that check is done. */
        ServiceSpec restartAfterCheck;
        Instant checkAgainSince;
        /** An operator's action waiting for the check or restart under way; it runs next, before any check. */
        Runnable operatorAction;
    }

    private final Supervisor supervisor;
    private final ProcessSnapshots snapshots;
    private final SiteSnapshots siteSnapshots;
    private final ProcessWatches watches;
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final ForkJoinPool checks;
    private final ForkJoinPool restarts;
    private final Map<String, ForkJoinPool> hostPools = new ConcurrentHashMap<>();
    /** Remote checks sent off and not answered yet: stopping waits for them as for running ones. */
    private final Set<CompletableFuture<ServiceCheck>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile ServiceTools tools;

    CheckRunner(Supervisor supervisor, ProcessSnapshots snapshots, ProcessWatches watches, ServiceTools tools,
                Clock clock, int checkThreads, int restartThreads) {
        this.supervisor = supervisor;
        this.snapshots = snapshots;
        this.siteSnapshots = new SiteSnapshots(clock);
        this.watches = watches;
        this.tools = tools;
        this.clock = clock;
        this.checks = pool("smart-check", checkThreads);
        this.restarts = pool("smart-restart", restartThreads);
    }

    /**
     * At most {@code threads} at once, made when work comes and ended after half a minute without. Idle
     * threads wait in a stack, so work goes to the one that finished last: a daemon making ten checks a
     * second keeps one or two threads, warm, instead of handing each check to the next of sixteen.
     */
    private static ForkJoinPool pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = forkJoinPool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoinPool);
            thread.setName(name + "-" + count.incrementAndGet());
            return thread;
        };
        return new ForkJoinPool(threads, factory, null, true, 0, threads, 1, pool -> true, 30, TimeUnit.SECONDS);
    }

    /** The configuration's tools, replaced on reload; checks already running finish with the old ones. */
    void use(ServiceTools newTools) {
        tools = newTools;
    }

    /** A check planned by the scheduler: skipped if the service is busy. */
    void scheduled(String service) {
        request(service, clock.instant().minus(SNAPSHOT_MAX_AGE), false);
    }

    /** A check that must see the processes as they are from {@code since} on, now or right after the current one. */
    void checkNow(String service, Instant since) {
        request(service, since, true);
    }

    private void request(String service, Instant since, boolean evenIfBusy) {
        Slot slot = slots.computeIfAbsent(service, name -> new Slot());
        synchronized (slot) {
            if (slot.busy) {
                if (evenIfBusy && !slot.restarting) {
                    slot.checkAgainSince = slot.checkAgainSince == null || slot.checkAgainSince.isBefore(since)
                            ? since : slot.checkAgainSince;
                }
                return;
            }
            slot.busy = true;
        }
        submit(checkPoolOf(service), service, slot, () -> check(service, slot, since));
    }

    /**
     * Checks the service. A check of this machine runs on this thread; a remote one is sent off and handled
     * when its host answers, on the host's pool again, so no thread waits for a remote plugin meanwhile.
     */
    private void check(String service, Slot slot, Instant since) {
        ServiceSpec spec = supervisor.spec(service).orElse(null);
        if (spec == null || !supervisor.monitored(service)) { // unmonitored or stopped by the operator meanwhile
            release(service, slot);
            return;
        }
        ServiceTools current = tools;
        Instant started = clock.instant();
        CompletableFuture<ServiceCheck> check;
        try {
            Site site = current.remoteSite(spec);
            check = site == null ? CompletableFuture.completedFuture(checkHere(spec, current, since))
                    : checkRemote(spec, site, since);
        } catch (RuntimeException e) {
            check = CompletableFuture.failedFuture(e);
        }
        if (check.isDone()) {
            handle(service, slot, current, started, check);
            return;
        }
        inFlight.add(check);
        CompletableFuture<ServiceCheck> answer = check;
        check.whenComplete((done, error) -> {
            submit(checkPoolOf(service), service, slot, () -> handle(service, slot, current, started, answer));
            inFlight.remove(answer);
        });
    }

    /** Hands a finished check to the supervisor and the feed, and starts the restart it may decide on. */
    private void handle(String service, Slot slot, ServiceTools current, Instant started,
                        CompletableFuture<ServiceCheck> finished) {
        boolean handedOver = false;
        try {
            ServiceCheck check = Futures.join(finished);
            supervisor.onResult(service, check, started); // may decide to restart it
            current.feed().service(check);
            handedOver = startRestartIfDecided(service, slot);
        } catch (RuntimeException e) {
            LOG.error("{}: check failed unexpectedly, trying again later: {}", service, e.toString(), e);
            supervisor.spec(service).ifPresent(spec -> retryLater(spec));
        } finally {
            if (!handedOver) {
                release(service, slot);
            }
        }
    }

    /** A service of this machine, whose processes are watched from then on. */
    private ServiceCheck checkHere(ServiceSpec spec, ServiceTools current, Instant since) {
        boolean needsProcesses = spec.hasProcessTest() || spec.pidFile() != null;
        ProcessTable table = needsProcesses ? processesFor(spec, current, since) : NO_PROCESSES;
        ServiceCheck check = current.checker().check(spec, table);
        watches.watch(spec.name(), spec.hasProcessTest()
                ? current.checker().processesOf(spec, check.pidFile(), table) : List.<ProcessInfo>of());
        return check;
    }

    /**
     * A shared snapshot is believed when it shows the service's processes in order; one that shows a
     * problem may be up to {@link #SNAPSHOT_MAX_AGE} old, so it is confirmed on a new read before
     * anything is restarted because of a process that started meanwhile.
     */
    private ProcessTable processesFor(ServiceSpec spec, ServiceTools current, Instant since) {
        ProcessTable shared = snapshots.begunSince(since);
        if (current.checker().processesInOrder(spec, current.checker().localSnapshot(shared))) {
            return shared;
        }
        return snapshots.readNow();
    }

    /**
     * A service of a remote host: UNREACHABLE, unchecked, while the host cannot be reached. The host's state
     * is read only for a service that counts processes, has a pid file or is judged by its port: one judged
     * by its plugin alone costs the host nothing but the plugin.
     */
    private CompletableFuture<ServiceCheck> checkRemote(ServiceSpec spec, Site site, Instant since) {
        CompletableFuture<ServiceCheck> check;
        try {
            boolean needsState = spec.hasProcessTest() || spec.pidFile() != null || !spec.hasCheckCommand();
            check = site.checker().start(spec, needsState ? siteSnapshots.begunSince(site, since) : NOTHING_READ);
        } catch (UnreachableException e) {
            check = CompletableFuture.failedFuture(e);
        }
        return check.exceptionally(failure -> {
            if (Futures.cause(failure) instanceof UnreachableException e) {
                return ServiceCheck.unreachable(spec, e.describe(), clock.instant());
            }
            throw failure instanceof CompletionException c ? c : new CompletionException(failure);
        });
    }

    private void retryLater(ServiceSpec spec) {
        supervisor.onCheckFailed(spec.name(), clock.instant().plus(spec.policy().effectiveRetryInterval()));
    }

    /**
     * Called by the supervisor while it handles a check result of the service (the only place it
     * decides to restart): the restart starts when that check is done, and the service stays busy
     * until the restart is over.
     */
    void restart(ServiceSpec spec) {
        Slot slot = slots.computeIfAbsent(spec.name(), name -> new Slot());
        synchronized (slot) {
            slot.restartAfterCheck = spec;
            slot.restarting = true;
            slot.checkAgainSince = null;
        }
    }

    private boolean startRestartIfDecided(String service, Slot slot) {
        ServiceSpec spec;
        synchronized (slot) {
            spec = slot.restartAfterCheck;
            slot.restartAfterCheck = null;
        }
        if (spec == null) {
            return false;
        }
        watches.cancel(service); // the restart stops the old processes: no alarm about that
        submit(restarts, service, slot, () -> runRestart(spec, slot));
        return true;
    }

    private void runRestart(ServiceSpec spec, Slot slot) {
        try {
            var held = supervisor.restartsHeld(); // held since the check that decided it: the hold wins
            if (held.isPresent()) {
                LOG.info("{}: restart not made: automatic restarts are held, {}", spec.name(), held.get());
                return;
            }
            RestartOutcome outcome = tools.restarterOf(spec).restart(spec);
            supervisor.onRestartDone(spec.name(), outcome);
        } catch (RuntimeException e) {
            supervisor.onRestartFailed(spec.name(), e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            synchronized (slot) {
                slot.restarting = false;
                slot.busy = false;
                slot.checkAgainSince = null;
            }
            if (!startOperatorActionIfWaiting(spec.name(), slot)) {
                checkNow(spec.name(), clock.instant()); // how the service is now, with fresh watches
            }
        }
    }

    /**
     * Checks a service of this machine on the calling thread, with a fresh view of the processes, and records
     * nothing: for an operator's action that must know how the service is right now. Null for a remote one.
     */
    ServiceCheck checkAside(ServiceSpec spec, ServiceTools current) {
        if (current.remoteSite(spec) != null) {
            return null;
        }
        ProcessTable table = spec.hasProcessTest() || spec.pidFile() != null ? snapshots.readNow() : NO_PROCESSES;
        return current.checker().check(spec, table);
    }

    /**
     * Runs an operator's action on the service with nothing else acting on it: after the check or restart
     * under way, and no check starts until it is done. The service's process watches are dropped first (the
     * action may stop its processes); whoever asked checks it afterwards if it wants to.
     *
     * @return the action's result; failed when another operator action waits already or the daemon stops
     */
    <T> CompletableFuture<T> exclusive(String service, java.util.function.Function<ServiceTools, T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Slot slot = slots.computeIfAbsent(service, name -> new Slot());
        Runnable run = () -> {
            T value = null;
            RuntimeException failure = null;
            try {
                watches.cancel(service);
                value = action.apply(tools);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                release(service, slot);
            }
            // completed once released, so that what the caller does next (a check) finds the service free
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        };
        synchronized (slot) {
            if (slot.busy) {
                if (slot.operatorAction != null) {
                    result.completeExceptionally(new IllegalStateException("another operator's command on " + service
                            + " is waiting already; try again when it is done"));
                } else {
                    slot.operatorAction = run;
                }
                return result;
            }
            slot.busy = true;
            slot.restarting = true; // no check queued meanwhile: the action decides what comes after
        }
        startOperatorAction(service, slot, run, result);
        return result;
    }

    private void startOperatorAction(String service, Slot slot, Runnable run, CompletableFuture<?> result) {
        try {
            restarts.execute(run);
        } catch (RejectedExecutionException stopping) {
            synchronized (slot) {
                slot.busy = false;
                slot.restarting = false;
            }
            result.completeExceptionally(new IllegalStateException("the daemon is stopping"));
        }
    }

    /** Starts the operator action waiting for this slot, if any; the slot stays busy for it. */
    private boolean startOperatorActionIfWaiting(String service, Slot slot) {
        Runnable action;
        synchronized (slot) {
            action = slot.operatorAction;
            if (action == null || slot.busy) {
                return false;
            }
            slot.operatorAction = null;
            slot.busy = true;
            slot.restarting = true;
            slot.checkAgainSince = null;
        }
        try {
            restarts.execute(action);
        } catch (RejectedExecutionException stopping) {
            synchronized (slot) {
                slot.busy = false;
                slot.restarting = false;
            }
        }
        return true;
    }

    private void release(String service, Slot slot) {
        Instant again;
        synchronized (slot) {
            slot.busy = false;
            slot.restarting = false;
            again = slot.checkAgainSince;
            slot.checkAgainSince = null;
        }
        if (startOperatorActionIfWaiting(service, slot)) {
            return; // the check asked for meanwhile is the operator's to ask for again
        }
        if (again != null) {
            request(service, again, true);
        }
    }

    /**
     * Checks of a remote host's services run on that host's own threads, so a slow or black-holed host keeps
     * busy only its own, never the threads of this machine's checks or another host's.
     */
    private ExecutorService checkPoolOf(String service) {
        ServiceSpec spec = supervisor.spec(service).orElse(null);
        Site site = spec == null ? null : tools.remoteSite(spec);
        if (site == null) {
            return checks;
        }
        return hostPools.computeIfAbsent(site.host(), host -> pool("smart-check-" + host, site.parallelism()));
    }

    private void submit(ExecutorService pool, String service, Slot slot, Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException stopping) {
            synchronized (slot) {
                slot.busy = false;
                slot.restarting = false;
            }
        }
    }

    /** Lets running checks and restarts finish for {@code grace}, then interrupts them (checks kill their commands). */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    void close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        awaitRemoteAnswers(deadline);
        List<ForkJoinPool> checkPools = new java.util.ArrayList<>(List.of(checks));
        checkPools.addAll(hostPools.values());
        checkPools.forEach(ForkJoinPool::shutdown);
        restarts.shutdown();
        try {
            for (ForkJoinPool pool : checkPools) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    LOG.info("stopping: {} check(s) still running after {} s; killing them", pool.getActiveThreadCount(),
                            grace.toSeconds());
                    pool.shutdownNow();
                }
            }
            hostPools.values().forEach(ForkJoinPool::shutdownNow);
            long left = Math.max(0, deadline - System.nanoTime());
            if (!restarts.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                LOG.info("stopping: {} restart(s) still running; interrupting them", restarts.getActiveThreadCount());
                restarts.shutdownNow();
            }
            checks.awaitTermination(2, TimeUnit.SECONDS);
            restarts.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            checks.shutdownNow();
            restarts.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the remote checks sent off have been answered and handed to the pools, or {@code deadline}:
     * their remote commands have limits of their own, and closing the connections ends what is left.
     */
    private void awaitRemoteAnswers(long deadline) {
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!inFlight.isEmpty()) {
            LOG.info("stopping: {} remote check(s) still unanswered; leaving them to their hosts' time limits",
                    inFlight.size());
        }
    }
}
