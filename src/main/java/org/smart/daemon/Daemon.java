package org.smart.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.action.Rebooter;
import org.smart.check.ServiceChecker;
import org.smart.control.ControlServer;
import org.smart.control.Operators;
import org.smart.model.Config;
import org.smart.model.ConfigProblem;
import org.smart.model.HostSettings;
import org.smart.model.ServiceSpec;
import org.smart.notify.DeliveryReport;
import org.smart.notify.Notification;
import org.smart.process.ProcessInfo;
import org.smart.process.ProcessSource;
import org.smart.process.ProcessTable;
import org.smart.process.ProcessWatcher;
import org.smart.site.HostWatch;
import org.smart.state.ServiceRuntimeState;
import org.smart.state.StateStore;

/**
 * The running daemon: the {@link Supervisor}'s decisions carried out by a scheduler thread, bounded
 * check and restart pools, a process watcher, one notification lane per channel, and a housekeeping
 * thread that saves state, and the control socket that takes the operator's commands. Holds {@code STATE_DIR/daemon.lock} while it
 * runs.
 */
public final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final Duration HOUSEKEEPING_TICK = Duration.ofMillis(500);
    private static final int FLUSH_EVERY_TICKS = 20;
    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);
    /** A one-shot repair's time beyond its stop, start and check timeouts: JVM, snapshots, notifications. */
    private static final Duration REPAIR_MARGIN = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration OLD_TOOLS_GRACE = Duration.ofSeconds(60);
    /** The scheduler comes round at least once a second; ten seconds without is a wedge, not a slow machine. */
    private static final Duration SCHEDULER_STALL = Duration.ofSeconds(10);

    /** Another daemon holds the state directory. */
    public static final class AlreadyRunningException extends Exception {
        private static final long serialVersionUID = 1L;

        AlreadyRunningException(String message) {
            super(message);
        }
    }

    private final Clock clock;
    private final Path stateDir;
    private final Function<Config, ServiceTools> toolsFor;
    private final Supervisor supervisor;
    private final Scheduler scheduler;
    private final ProcessWatches watches;
    private final ProcessSnapshots snapshots;
    private final CheckRunner runner;
    private final ModeStore modes;
    private ControlServer control;
    private final StateStore store;
    private final StateKeeper keeper;
    private final ScheduledExecutorService housekeeping;
    private final Instant startedAt;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Config config;
    private volatile ServiceTools tools;
    /** Tools replaced by a reload, closed once the checks that still use them are done. */
    private final List<ServiceTools> retired = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Notifier notifier;
    private volatile NotificationComposer composer;
    private DaemonLock lock;
    private long ticks;

    /**
     * @param config    the configuration to run, its STATE_DIR already final
     * @param toolsFor  makes the checker, restarter and channels for a configuration (also on reload)
     * @param processes where process snapshots come from
     * @throws IOException when the state directory cannot be made
     */
    public Daemon(Config config, Function<Config, ServiceTools> toolsFor, ProcessSource processes,
                  ProcessWatcher watcher, Clock clock) throws IOException {
        ensureStateDir(config.settings().stateDir());
        this.clock = clock;
        this.config = config;
        this.stateDir = config.settings().stateDir();
        this.toolsFor = toolsFor;
        this.startedAt = clock.instant();
        this.tools = toolsFor.apply(config);
        this.supervisor = new Supervisor(clock, new Carried());
        this.scheduler = new Scheduler(clock, service -> runner().scheduled(service));
        this.snapshots = new ProcessSnapshots(processes, clock);
        this.watches = new ProcessWatches(watcher, this::processExited);
        int cores = Runtime.getRuntime().availableProcessors();
        this.runner = new CheckRunner(supervisor, snapshots, watches, tools, clock, Math.max(4, Math.min(32, 8 * cores)),
                Math.max(2, Math.min(8, 2 * cores)));
        this.modes = new ModeStore(stateDir);
        this.store = new StateStore(stateDir, clock);
        this.keeper = new StateKeeper(store, supervisor, this::liveView, clock);
        this.notifier = new Notifier(stateDir, tools.channels(), clock);
        this.composer = new NotificationComposer(config.settings().hostname());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smart-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    private CheckRunner runner() {
        return runner;
    }

    /** Made before anything else makes it with other modes; a directory that cannot be made stops nothing. */
    private static void ensureStateDir(Path stateDir) {
        try {
            DaemonLock.ensureStateDir(stateDir);
        } catch (IOException e) {
            LOG.error("cannot make the state directory {} ({}); monitoring anyway", stateDir, e.toString());
        }
    }

    /**
     * Takes the state directory's lock, picks up the saved state, watches the services' processes and
     * starts checking.
     *
     * @throws AlreadyRunningException when another daemon keeps holding the state directory
     * @throws IOException             not for the state directory: one that cannot be written is logged
     */
    public void start() throws IOException, AlreadyRunningException {
        lock = lockUnlessUnwritable();
        awaitOneShotRepairs();
        Map<String, ServiceRuntimeState> saved = store.load();
        supervisor.useModes(loadModes());
        supervisor.start(config.services(), saved);
        watchKnownProcesses(config.services());
        keeper.saveNow();
        LOG.info("started: {} service(s) from {}, {} process(es) watched, state in {}, pid {}",
                config.services().size(), config.directory(), watches.size(), stateDir, ProcessHandle.current().pid());
        listenToHosts(tools, config);
        openControlSocket();
        scheduler.start();
        housekeeping.scheduleWithFixedDelay(this::housekeep, HOUSEKEEPING_TICK.toMillis(), HOUSEKEEPING_TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        notifier.flushAll();
    }

    /**
     * The lock, or none when the state directory cannot be written (read-only, full): the daemon never
     * refuses to monitor because of its own disk; it says so, and the state keeper keeps trying to write.
     */
    private DaemonLock lockUnlessUnwritable() throws AlreadyRunningException {
        try {
            return acquireLock();
        } catch (IOException e) {
            LOG.error("cannot lock the state directory {} ({}): monitoring and repairing anyway, but its state and "
                    + "notification spool are NOT kept, and a second daemon on it would not be noticed", stateDir,
                    e.toString());
            return null;
        }
    }

    /** A second daemon may be starting while a {@code smart reset} briefly holds the lock: wait a little. */
    private DaemonLock acquireLock() throws IOException, AlreadyRunningException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            Optional<DaemonLock> acquired = DaemonLock.tryAcquire(stateDir);
            if (acquired.isPresent()) {
                return acquired.get();
            }
            if (System.nanoTime() > deadline) {
                OptionalLong pid = DaemonLock.holder(stateDir);
                throw new AlreadyRunningException("another SMART daemon" + (pid.isPresent() && pid.getAsLong() > 0
                        ? " (pid " + pid.getAsLong() + ")" : "") + " already uses the state directory " + stateDir
                        + " (" + stateDir.resolve(DaemonLock.FILE_NAME) + " is locked)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + stateDir.resolve(DaemonLock.FILE_NAME), e);
            }
        }
    }

    /**
     * One actor per service: a one-shot run repairing a service when this daemon took its lock finishes
     * first, so the daemon never starts a service that run is starting. Bounded by the longest such repair
     * (stop, start, re-checks); a run holding a lock longer than that is named and left to its own devices.
     */
    private void awaitOneShotRepairs() throws IOException {
        HostSettings settings = config.settings();
        Duration longestRepair = settings.stopTimeout().multipliedBy(2).plus(settings.startTimeout())
                .plus(settings.checkTimeout().multipliedBy(2)).plus(REPAIR_MARGIN);
        List<String> stillHeld;
        try {
            stillHeld = RepairLock.awaitRepairsUnderWay(stateDir, longestRepair);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for one-shot runs' repairs in " + stateDir, e);
        }
        if (!stillHeld.isEmpty()) {
            LOG.warn("one-shot runs still hold repair locks after {} s: {}; starting anyway",
                    longestRepair.toSeconds(), stillHeld);
        }
    }

    /** The operator's modes; unreadable ones are logged and every service is monitored. */
    private Map<String, ServiceMode> loadModes() {
        try {
            Map<String, ServiceMode> loaded = modes.load();
            loaded.forEach((name, mode) -> LOG.info("{}: {} (set by {}), as saved in {}", name,
                    mode.describe(clock.instant()), mode.by(), modes.file()));
            return loaded;
        } catch (IOException e) {
            LOG.error("cannot read {} ({}): every service is monitored, none stopped, unmonitored or silenced",
                    modes.file(), e.toString());
            return Map.of();
        }
    }

    /** Without a socket the daemon monitors all the same; the operator's commands then say no daemon answers. */
    private void openControlSocket() {
        try {
            control = ControlServer.open(stateDir, new Operators(config.settings().controlGroup()),
                    new DaemonControl(new ControlParts(), clock));
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot open the control socket in {} ({}): monitoring and repairing anyway, but 'smart restart',"
                    + " 'smart status' and the other commands cannot reach this daemon", stateDir, e.toString());
        }
    }

    /** What the control socket's commands work with: always the current configuration's. */
    private final class ControlParts implements DaemonControl.Parts {
        @Override
        public Supervisor supervisor() {
            return supervisor;
        }

        @Override
        public CheckRunner runner() {
            return runner;
        }

        @Override
        public HostSettings settings() {
            return config.settings();
        }

        @Override
        public ModeStore modes() {
            return modes;
        }

        @Override
        public void saveState() {
            keeper.saveNow();
        }

        @Override
        public ProcessWatches watches() {
            return watches;
        }

        @Override
        public LiveView liveView() {
            return Daemon.this.liveView();
        }

        @Override
        public Rebooter rebooter() {
            return tools.rebooter();
        }

        /** Long enough for each channel's own time limit, and a delivery under way before it. */
        @Override
        public DeliveryReport notifyNow(Notification notification) {
            return notifier.sendNow(notification, config.settings().notifyTimeout().multipliedBy(2).plusSeconds(30));
        }
    }

    /** So that a process dying before its service's first check is noticed too. */
    private void watchKnownProcesses(List<ServiceSpec> services) {
        ProcessTable table = snapshots.begunSince(clock.instant());
        for (ServiceSpec spec : services) {
            if (spec.hasProcessTest() && !spec.isRemote() && supervisor.monitored(spec.name())) { // a remote host's processes are not this machine's
                ServiceChecker checker = tools.checker();
                watches.watch(spec.name(), checker.processesOf(spec,
                        checker.pidFile(spec, checker.localSnapshot(table)), table));
            }
        }
    }

    /**
     * A remote host's connection is its own check: one notification when it goes DOWN, one when it is back,
     * each change fed as a host result, and the host's services checked at once.
     */
    private void listenToHosts(ServiceTools forTools, Config forConfig) {
        forTools.remote().listen(new HostWatch(forConfig.settings().hostname(), notification -> notifier.send(notification),
                forTools.feed(), this::checkServicesOf, clock));
    }

    private void checkServicesOf(String host) {
        Instant now = clock.instant();
        supervisor.specs().stream().filter(spec -> host.equals(spec.host()))
                .forEach(spec -> runner.checkNow(spec.name(), now));
    }

    private void processExited(String service, ProcessInfo process) {
        LOG.info("{}: process {} ({}) exited; checking it now", service, process.pid(), process.argv0Name().isEmpty()
                ? process.comm() : process.argv0Name());
        runner.checkNow(service, clock.instant());
    }

    private void housekeep() {
        try {
            keeper.saveIfDue();
            if (++ticks % FLUSH_EVERY_TICKS == 0) {
                notifier.flushAll();
            }
        } catch (RuntimeException e) {
            LOG.error("housekeeping failed: {}", e.toString(), e);
        }
    }

    private LiveView liveView() {
        List<LiveView.Service> services = supervisor.views().stream()
                .map(view -> new LiveView.Service(view.name(), view.reason(), view.blockedBy(),
                        scheduler.scheduledAt(view.name()).map(Instant::toString).orElse(null)))
                .toList();
        return new LiveView(ProcessHandle.current().pid(), startedAt.toString(), config.directory().toString(),
                clock.instant().toString(), services);
    }

    /**
     * Loads the configuration again and runs it, unless it has problems: then every problem is
     * logged and the running configuration stays in force.
     *
     * @return whether the new configuration was taken up
     */
    public synchronized boolean reload(Supplier<Config> loader) {
        if (stopping.get()) {
            return false;
        }
        LOG.info("reloading the configuration");
        Config next;
        try {
            next = loader.get();
        } catch (RuntimeException e) {
            LOG.error("reload rejected: {}; the running configuration stays in force", e.getMessage());
            return false;
        }
        if (next.hasProblems() || next.services().isEmpty()) {
            for (ConfigProblem problem : next.problems()) {
                LOG.error("reload rejected: {}", problem);
            }
            LOG.error("reload rejected: {}; the running configuration ({} service(s)) stays in force",
                    next.hasProblems() ? next.problems().size() + " problem(s) in " + next.directory()
                            : "no service declared in " + next.directory(), config.services().size());
            return false;
        }
        if (!next.settings().stateDir().equals(stateDir)) {
            LOG.warn("STATE_DIR {} takes effect when the daemon is restarted; it keeps using {}",
                    next.settings().stateDir(), stateDir);
            next = next.withSettings(next.settings().withStateDir(stateDir));
        }
        ServiceTools nextTools = toolsFor.apply(next);
        ServiceTools oldTools = tools;
        tools = nextTools;
        runner.use(nextTools);
        listenToHosts(nextTools, next);
        // checks under way finish with the old tools (their connections, their feed) before these close
        retired.add(oldTools);
        housekeeping.schedule(() -> {
            if (retired.remove(oldTools)) {
                oldTools.close();
            }
        }, OLD_TOOLS_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        Notifier old = notifier;
        notifier = new Notifier(stateDir, nextTools.channels(), clock);
        composer = new NotificationComposer(next.settings().hostname());
        old.close(Duration.ofSeconds(1));
        Supervisor.ReloadSummary summary = supervisor.reload(next.services());
        config = next;
        LOG.info("configuration reloaded from {}: {} service(s); added {}, changed {}, removed {}, unchanged {}",
                next.directory(), next.services().size(), names(summary.added()), names(summary.changed()),
                names(summary.removed()), summary.unchanged());
        return true;
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /**
     * Stops cleanly: no new checks, the ones under way finish (or are killed after a grace period),
     * the state is saved, the lock released. Safe to call more than once, from any thread.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStop();
            return;
        }
        LOG.info("stopping: letting checks and restarts under way finish");
        if (control != null) {
            control.close(); // no new commands; those under way end with the pools below
        }
        synchronized (this) {
            scheduler.close();
            housekeeping.shutdownNow();
            runner.close(STOP_GRACE); // checks under way still renew their watches: close those after
            watches.close();
            tools.close();
            retired.forEach(ServiceTools::close);
            keeper.saveNow();
            notifier.close(Duration.ofSeconds(2));
            try {
                if (lock != null) {
                    lock.close();
                }
            } catch (IOException e) {
                LOG.warn("cannot release {}: {}", stateDir.resolve(DaemonLock.FILE_NAME), e.toString());
            }
        }
        LOG.info("stopped; state saved in {}", store.file());
        stopped.countDown();
    }

    /** Whether the scheduler thread is alive and not wedged: what the systemd watchdog is fed on. */
    public boolean schedulerTurning() {
        return !stopping.get() && scheduler.turnedWithin(SCHEDULER_STALL);
    }

    /** How many services it monitors, for the service manager's status line. */
    public int serviceCount() {
        return config.services().size();
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Carries the supervisor's decisions out; every method returns at once. */
    private final class Carried implements Supervisor.Actions {
        @Override
        public void checkAt(String service, Instant at) {
            scheduler.schedule(service, at);
        }

        @Override
        public void checkNow(String service) {
            runner.checkNow(service, clock.instant());
        }

        @Override
        public void restart(ServiceSpec spec) {
            runner.restart(spec);
        }

        @Override
        public void notify(ServiceEvent event) {
            notifier.send(composer.compose(event, clock.instant()));
        }

        @Override
        public void forget(String service) {
            scheduler.remove(service);
            watches.cancel(service);
        }
    }
}
