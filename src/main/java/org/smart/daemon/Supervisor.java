package org.smart.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.action.RestartOutcome;
import org.smart.check.ServiceCheck;
import org.smart.check.State;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.state.Assessment;
import org.smart.state.CheckState;
import org.smart.state.CheckStateMachine;
import org.smart.state.ConfigFingerprint;
import org.smart.state.DependencyGraph;
import org.smart.state.FlappingDetector;
import org.smart.state.FlappingTransition;
import org.smart.state.NotificationKind;
import org.smart.state.NotificationRecord;
import org.smart.state.Observation;
import org.smart.state.RepairDecision;
import org.smart.state.RestartBackoff;
import org.smart.state.RestartGuard;
import org.smart.state.RestartLimit;
import org.smart.state.RestartVerdict;
import org.smart.state.ServiceRuntimeState;
import org.smart.state.ServiceStateTracker;
import org.smart.state.StateChange;
import org.smart.state.StateType;

/**
 * Every decision the daemon makes, and nothing else: what a check result means, whether to restart,
 * when to check next, whom to tell. It keeps each service's {@link ServiceRuntimeState} and hands
 * its decisions to {@link Actions}; it runs nothing itself, so it is tested with a hand-moved clock.
 *
 * <p>Per result: the SOFT/HARD state machine and flapping detection ({@link ServiceStateTracker});
 * a service whose parent is not OK is UNREACHABLE, naming the parent, and is neither restarted nor
 * notified about; a HARD problem that RECOVER covers is repaired within the restart guard, but only
 * once the service's parents have been checked after it (so parents are recovered before their
 * dependents); a parent's change of state has its dependents checked at once.
 *
 * <p>Thread-safe: every method is synchronized and quick (no I/O but the calls to {@link Actions},
 * which must not block).
 */
public final class Supervisor {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** The status recorded for a service whose remote host could not be reached: it was not checked. */
    static final int NOT_CHECKED = -1;
    /** The longest pause between restarts, however many there were (systemd's RestartMaxDelaySec). */
    private static final Duration LONGEST_RESTART_DELAY = Duration.ofMinutes(10);

    /** What the supervisor's decisions turn into; implementations hand work to other threads. */
    public interface Actions {
        /** Check {@code service} at {@code at} (replacing any earlier plan). */
        void checkAt(String service, Instant at);

        /** Check {@code service} now, with a fresh view of the processes. */
        void checkNow(String service);

        /** Restart the service; report with {@link #onRestartDone} or {@link #onRestartFailed}. */
        void restart(ServiceSpec spec);

        void notify(ServiceEvent event);

        /** The service is no longer monitored: drop its schedule and watches. */
        void forget(String service);
    }

    /** What the daemon knows about one service. */
    private final class Entry {
        final ServiceSpec spec;
        final String fingerprint;
        final ServiceStateTracker tracker;
        final RestartGuard guard;
        ServiceRuntimeState state;
        ServiceCheck lastCheck;
        String blockedBy;
        /** Set while a repair waits for the service's parents to be checked. */
        Instant waitingForParentsSince;
        Instant restartNotBefore;
        /** No result recorded since this daemon took the service up: the first one is saved at once. */
        boolean unseen = true;

        Entry(ServiceSpec spec, String fingerprint, ServiceRuntimeState state) {
            ServicePolicy policy = spec.policy();
            this.spec = spec;
            this.fingerprint = fingerprint;
            this.tracker = new ServiceStateTracker(new CheckStateMachine(policy.maxCheckAttempts()),
                    new FlappingDetector(policy.flapping(), policy.flappingEnabled()), clock);
            Duration delay = policy.restartDelay();
            this.guard = new RestartGuard(policy.restartLimit(),
                    new RestartBackoff(delay, delay.compareTo(LONGEST_RESTART_DELAY) > 0 ? delay : LONGEST_RESTART_DELAY),
                    clock);
            this.state = state;
        }

        String name() {
            return spec.name();
        }

        ServicePolicy policy() {
            return spec.policy();
        }

        ServiceEvent event(ServiceEvent.Kind kind, RestartOutcome restart, String note) {
            return new ServiceEvent(kind, spec, state, lastCheck, blockedBy, restart, note);
        }
    }

    /** What a reload changed, for the log. */
    public record ReloadSummary(List<String> added, List<String> changed, List<String> removed, int unchanged) {
    }

    /** The live view of one service for {@code smart status}: what state.json does not keep. */
    public record ServiceView(String name, String reason, String blockedBy) {
    }

    private final Clock clock;
    private final Actions actions;
    private Map<String, Entry> entries = new LinkedHashMap<>();
    private DependencyGraph graph = DependencyGraph.of(Map.of());
    private Map<String, List<String>> children = Map.of();
    private Unsaved unsaved = Unsaved.NOTHING;
    /** The operator's modes; a service without one is monitored. Kept across reloads. */
    private final Map<String, ServiceMode> modes = new HashMap<>();
    /**
     * Why automatic restarts are held (the system is rebooting), or null. Not saved: the daemon that starts
     * after the reboot repairs as usual.
     */
    private String restartsHeld;
    /** The services whose restart the hold has already withheld, logged once each. */
    private final Set<String> withheld = new java.util.HashSet<>();
    /** Those waiting for a service's next result (an operator's {@code smart check}). */
    private final Map<String, List<CompletableFuture<ServiceCheck>>> waiting = new HashMap<>();

    /** How much the state changed since it was last saved, which decides how soon it is saved. */
    public enum Unsaved {
        NOTHING,
        /** Only counts and recent results moved on: the service is as it was. */
        ROUTINE,
        /** A state, flapping, restart or notification changed: save at once. */
        NOTABLE
    }

    public Supervisor(Clock clock, Actions actions) {
        this.clock = clock;
        this.actions = actions;
    }

    /**
     * Takes up the services with the state saved by an earlier run, and plans their first checks,
     * spread over each one's interval, parents first. A saved state recorded for another
     * configuration of the service keeps its results but gets a fresh restart guard.
     */
    public synchronized void start(List<ServiceSpec> services, Map<String, ServiceRuntimeState> saved) {
        Map<String, Entry> fresh = new LinkedHashMap<>();
        for (ServiceSpec spec : services) {
            String fingerprint = fingerprint(spec);
            ServiceRuntimeState kept = saved.get(spec.name());
            ServiceRuntimeState state;
            if (kept == null) {
                state = ServiceRuntimeState.fresh(fingerprint);
            } else if (kept.sameConfig(fingerprint)) {
                state = kept;
            } else {
                LOG.info("{}: its configuration changed since the state was saved; restart guard reset", spec.name());
                state = RuntimeStates.rebased(kept, fingerprint);
            }
            fresh.put(spec.name(), new Entry(spec, fingerprint, state));
        }
        install(fresh);
        spreadFirstChecks(List.copyOf(fresh.keySet()));
        changed(Unsaved.NOTABLE);
    }

    /**
     * Takes up a new configuration. An unchanged service keeps everything; a changed one keeps its
     * results and flapping history but gets a fresh restart guard; a new one is checked within its
     * interval; a removed one is forgotten.
     */
    public synchronized ReloadSummary reload(List<ServiceSpec> services) {
        Map<String, Entry> next = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        int unchanged = 0;
        for (ServiceSpec spec : services) {
            String fingerprint = fingerprint(spec);
            Entry old = entries.get(spec.name());
            if (old == null) {
                next.put(spec.name(), new Entry(spec, fingerprint, ServiceRuntimeState.fresh(fingerprint)));
                added.add(spec.name());
            } else if (old.fingerprint.equals(fingerprint)) {
                next.put(spec.name(), old);
                unchanged++;
            } else {
                next.put(spec.name(), carriedOver(old, spec, fingerprint));
                changed.add(spec.name());
            }
        }
        List<String> removed = entries.keySet().stream().filter(name -> !next.containsKey(name)).toList();
        install(next);
        removed.forEach(actions::forget);
        spreadFirstChecks(added);
        changed.forEach(actions::checkNow);
        changed(Unsaved.NOTABLE);
        return new ReloadSummary(added, changed, removed, unchanged);
    }

    private Entry carriedOver(Entry old, ServiceSpec spec, String fingerprint) {
        Entry entry = new Entry(spec, fingerprint, RuntimeStates.rebased(old.state, fingerprint));
        entry.lastCheck = old.lastCheck;
        entry.blockedBy = old.blockedBy;
        if (old.state.restarts().givenUp()) {
            LOG.info("{}: configuration changed; no longer given up, restarts allowed again", spec.name());
        }
        return entry;
    }

    private void install(Map<String, Entry> next) {
        entries = next;
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        next.forEach((name, entry) -> dependsOn.put(name, entry.policy().dependsOn()));
        graph = DependencyGraph.of(dependsOn);
        Map<String, List<String>> kids = new HashMap<>();
        next.keySet().forEach(name -> graph.parents(name)
                .forEach(parent -> kids.computeIfAbsent(parent, k -> new ArrayList<>()).add(name)));
        children = kids;
    }

    /** First checks spread evenly over each service's interval, parents before their dependents. */
    private void spreadFirstChecks(List<String> names) {
        Instant now = clock.instant();
        Set<String> wanted = Set.copyOf(names);
        List<String> order = graph.topologicalOrder().stream().filter(wanted::contains).toList();
        for (int i = 0; i < order.size(); i++) {
            Entry entry = entries.get(order.get(i));
            actions.checkAt(entry.name(), now.plus(entry.policy().interval().multipliedBy(i).dividedBy(order.size())));
        }
    }

    public synchronized Optional<ServiceSpec> spec(String service) {
        return Optional.ofNullable(entries.get(service)).map(entry -> entry.spec);
    }

    public synchronized List<ServiceSpec> specs() {
        return entries.values().stream().map(entry -> entry.spec).toList();
    }

    /**
     * Records one check of {@code service}.
     *
     * @param check     what the check found
     * @param startedAt when the check began (a parent checked since then needs no new check)
     */
    public synchronized void onResult(String service, ServiceCheck check, Instant startedAt) {
        Entry entry = entries.get(service);
        if (entry == null) {
            return; // removed by a reload while it was being checked
        }
        try {
            if (monitored(service)) {
                record(entry, check, startedAt);
            }
        } finally {
            List<CompletableFuture<ServiceCheck>> waiters = waiting.remove(service);
            if (waiters != null) {
                waiters.forEach(waiter -> waiter.complete(check));
            }
        }
    }

    private void record(Entry entry, ServiceCheck check, Instant startedAt) {
        String service = entry.name();
        Instant now = clock.instant();
        State before = entry.state.check().state();
        Optional<String> blockedBy = check.isUnreachable() ? Optional.of("host " + check.spec().host())
                : graph.unreachableBecause(service, this::knownState);
        Assessment assessment = entry.tracker.assess(entry.state,
                new Observation(check.isUnreachable() ? NOT_CHECKED : check.status().code(), check.state(), blockedBy));
        entry.state = countForRestartGuard(entry, assessment.next());
        entry.lastCheck = check;
        entry.blockedBy = blockedBy.orElse(null);
        changed(entry.unseen || notable(assessment) ? Unsaved.NOTABLE : Unsaved.ROUTINE);
        entry.unseen = false;
        logResult(entry, assessment);
        for (NotificationKind kind : assessment.notifications()) {
            tell(entry, entry.event(eventKind(kind), null, ""));
        }
        if (assessment.notifications().isEmpty()) {
            remindIfDue(entry, assessment, now);
        }
        Duration pause = assessment.useRetryInterval() ? entry.policy().effectiveRetryInterval() : entry.policy().interval();
        Optional<Instant> next = Optional.of(now.plus(pause));
        if (assessment.mayRepair()) {
            next = repair(entry, assessment, startedAt, now, next.get());
        } else {
            entry.waitingForParentsSince = null;
        }
        next.ifPresent(at -> actions.checkAt(service, at));
        tellDependents(entry, before);
    }

    /** The result counted with the restart guard; a stable run that clears its count is logged. */
    private ServiceRuntimeState countForRestartGuard(Entry entry, ServiceRuntimeState assessed) {
        ServiceRuntimeState counted = entry.tracker.countForRestartGuard(assessed, entry.guard);
        int before = assessed.restarts().counted();
        if (before > 0 && counted.restarts().counted() == 0) {
            changed(Unsaved.NOTABLE);
            LOG.info("{}: OK for {} checks in a row since its latest restart; its {} restart(s) no longer count",
                    entry.name(), entry.policy().restartLimit().checks(), before);
        }
        return counted;
    }

    /** Whether a result changed more than counts and recent results. */
    private static boolean notable(Assessment assessment) {
        StateChange change = assessment.change();
        return change.hardStateChange() || change.softStateChange()
                || change.after().attempt() != change.before().attempt()
                || !assessment.notifications().isEmpty() || assessment.mayRepair()
                || assessment.flapping().transition() != FlappingTransition.NONE;
    }

    private State knownState(String service) {
        Entry entry = entries.get(service);
        return entry == null || entry.state.checkCount() == 0 ? null : entry.state.check().state();
    }

    /** Decides about a HARD problem of the service's own; returns when to check next, empty while restarting. */
    private Optional<Instant> repair(Entry entry, Assessment assessment, Instant startedAt, Instant now, Instant next) {
        State state = assessment.reportedState();
        if (!entry.policy().recover().restarts(state, entry.spec.isRestartable())) {
            if (assessment.change().hardStateChange()) {
                LOG.info("{}: not restarted: {}", entry.name(), entry.spec.isRestartable()
                        ? "RECOVER=" + entry.policy().recover().name().toLowerCase(Locale.ROOT)
                                + " does not cover " + state
                        : "it has no start command");
            }
            return Optional.of(next);
        }
        List<String> stale = parentsCheckedBefore(entry, entry.waitingForParentsSince != null
                ? entry.waitingForParentsSince : startedAt);
        if (!stale.isEmpty()) {
            if (entry.waitingForParentsSince == null) {
                entry.waitingForParentsSince = now;
                LOG.info("{}: {}; checking {} first, which it depends on", entry.name(), state, String.join(", ", stale));
            }
            stale.forEach(actions::checkNow);
            return Optional.of(next);
        }
        entry.waitingForParentsSince = null;
        if (restartsHeld != null) {
            if (withheld.add(entry.name())) {
                LOG.info("{}: {} but not restarted: automatic restarts are held, {}", entry.name(), state, restartsHeld);
            }
            return Optional.of(next);
        }
        RepairDecision decision = entry.tracker.requestRestart(entry.state, entry.guard);
        entry.state = decision.next();
        RestartVerdict verdict = decision.verdict();
        switch (verdict.decision()) {
            case RESTART -> {
                entry.restartNotBefore = null;
                LOG.info("{}: restarting (restart {} of at most {} until it has been OK for {} checks in a row): {},"
                        + " status {}: {}", entry.name(), entry.state.restarts().counted(), limit(entry).restarts(),
                        limit(entry).checks(), state, entry.lastCheck.statusText(), entry.lastCheck.reason());
                actions.restart(entry.spec);
                return Optional.empty();
            }
            case WAIT -> {
                logWait(entry, state, verdict.notBefore());
                return Optional.of(verdict.notBefore().isBefore(next) ? verdict.notBefore() : next);
            }
            case GAVE_UP -> {
                LOG.error("{}: giving up: {} restart(s) did not keep it OK for {} checks in a row ({}: {}); no more"
                        + " restarts until 'smart reset {}' or a change of its configuration", entry.name(),
                        entry.state.restarts().counted(), limit(entry).checks(), state, entry.lastCheck.reason(),
                        entry.name());
                tell(entry, entry.event(ServiceEvent.Kind.GIVEN_UP, null, ""));
                return Optional.of(next);
            }
            default -> {
                return Optional.of(next); // given up earlier: stay quiet until reset
            }
        }
    }

    private static RestartLimit limit(Entry entry) {
        return entry.policy().restartLimit();
    }

    /** Once per pause: when the next restart is due, or when the service is given up unless it is OK by then. */
    private static void logWait(Entry entry, State state, Instant notBefore) {
        if (notBefore.equals(entry.restartNotBefore)) {
            return;
        }
        entry.restartNotBefore = notBefore;
        int counted = entry.state.restarts().counted();
        if (counted >= limit(entry).restarts()) {
            LOG.info("{}: still {} after restart {} of at most {}; given up at {} unless it is OK by then", entry.name(),
                    state, counted, limit(entry).restarts(), notBefore);
        } else {
            LOG.info("{}: still {}; next restart not before {} (RESTART_DELAY grows with each restart)", entry.name(),
                    state, notBefore);
        }
    }

    /** Direct parents whose latest check finished before {@code since} (or that were never checked). */
    private List<String> parentsCheckedBefore(Entry entry, Instant since) {
        return graph.parents(entry.name()).stream().filter(parent -> {
            Entry p = entries.get(parent);
            return p != null && (p.state.lastCheck() == null || p.state.lastCheck().isBefore(since));
        }).toList();
    }

    /**
     * A parent that turned OK or stopped being OK has its dependents checked at once (they become or
     * stop being UNREACHABLE); a dependent waiting for its parents is checked once they all were.
     */
    private void tellDependents(Entry parent, State before) {
        boolean okChanged = (before == State.OK) != (parent.state.check().state() == State.OK);
        for (String child : children.getOrDefault(parent.name(), List.of())) {
            Entry entry = entries.get(child);
            boolean parentsChecked = entry.waitingForParentsSince != null
                    && parentsCheckedBefore(entry, entry.waitingForParentsSince).isEmpty();
            if ((okChanged && entry.state.checkCount() > 0) || parentsChecked) {
                actions.checkNow(child);
            }
        }
    }

    private void remindIfDue(Entry entry, Assessment assessment, Instant now) {
        Duration every = entry.policy().renotifyInterval();
        CheckState check = entry.state.check();
        if (every.isZero() || assessment.flapping().flapping() || !check.hardProblem()
                || check.state() == State.UNREACHABLE || !entry.state.problemNotified()) {
            return;
        }
        NotificationRecord last = entry.state.lastNotification();
        if (last != null && last.at().plus(every).isAfter(now)) {
            return;
        }
        entry.state = RuntimeStates.withNotification(entry.state, new NotificationRecord(NotificationKind.PROBLEM, now));
        tell(entry, entry.event(ServiceEvent.Kind.REMINDER, null, ""));
    }

    private static void logResult(Entry entry, Assessment assessment) {
        CheckState before = assessment.change().before();
        CheckState after = assessment.change().after();
        String name = entry.name();
        if (before.state() == after.state() && before.type() == after.type() && before.attempt() == after.attempt()) {
            LOG.debug("{}: {} (status {})", name, after.state(), entry.lastCheck.statusText());
        } else {
            String why = entry.lastCheck.isUnreachable() ? entry.lastCheck.reason()
                    : entry.blockedBy != null ? "parent " + entry.blockedBy + " is not OK" : entry.lastCheck.reason();
            String type = after.type() + (after.type() == StateType.SOFT
                    ? " " + after.attempt() + "/" + entry.policy().maxCheckAttempts() : "");
            LOG.info("{}: {} -> {} ({}, status {}): {}", name, before.state(), after.state(), type,
                    entry.lastCheck.statusText(), why);
        }
        switch (assessment.flapping().transition()) {
            case STARTED -> LOG.warn("{}: flapping started ({} state changes); no restarts and no problem"
                    + " notifications until it settles", name, percent(assessment));
            case ENDED -> LOG.info("{}: flapping ended ({} state changes)", name, percent(assessment));
            case NONE -> { }
        }
    }

    private static String percent(Assessment assessment) {
        return String.format(Locale.ROOT, "%.1f%%", assessment.flapping().percent());
    }

    /** A check could not be carried out (an unexpected error, already logged): try again at {@code retryAt}. */
    public synchronized void onCheckFailed(String service, Instant retryAt) {
        if (entries.containsKey(service)) {
            actions.checkAt(service, retryAt);
        }
    }

    /** A restart finished; the service is checked again next (by whoever ran it). */
    public synchronized void onRestartDone(String service, RestartOutcome outcome) {
        Entry entry = entries.get(service);
        if (entry == null) {
            return;
        }
        changed(Unsaved.NOTABLE);
        tell(entry, entry.event(ServiceEvent.Kind.RESTARTED, outcome, ""));
    }

    /** A restart could not be carried out at all (an unexpected error, or the daemon is stopping). */
    public synchronized void onRestartFailed(String service, String reason) {
        Entry entry = entries.get(service);
        if (entry == null) {
            return;
        }
        changed(Unsaved.NOTABLE);
        LOG.error("{}: restart could not be carried out: {}", service, reason);
        tell(entry, entry.event(ServiceEvent.Kind.RESTARTED, null, reason));
    }

    /**
     * The operator's reset: forget the restarts and the given-up state, and check the service at
     * once so a service that is still down is repaired.
     *
     * @return false when no such service is monitored
     */
    public synchronized boolean reset(String service) {
        Entry entry = entries.get(service);
        if (entry == null) {
            return false;
        }
        boolean wasGivenUp = entry.state.restarts().givenUp();
        boolean wasFlapping = entry.state.flapping().flapping();
        entry.state = RuntimeStates.withoutFlapping(RuntimeStates.withoutRestarts(entry.state));
        entry.restartNotBefore = null;
        changed(Unsaved.NOTABLE);
        LOG.info("{}: reset by the operator{}; restart count and flapping history cleared, restarts allowed again",
                service, wasGivenUp && wasFlapping ? " (was given up and flapping)" : wasGivenUp ? " (was given up)"
                        : wasFlapping ? " (was flapping)" : "");
        actions.checkNow(service);
        return true;
    }

    /** Notifies, unless an operator silenced the service: then only the log says what was not sent. */
    private void tell(Entry entry, ServiceEvent event) {
        ServiceMode mode = modes.getOrDefault(entry.name(), ServiceMode.MONITORED);
        if (mode.silencedAt(clock.instant())) {
            LOG.info("{}: {} not notified: silenced until {}{}", entry.name(), event.kind(), mode.silencedUntil(),
                    mode.reason() == null ? "" : " (" + mode.reason() + ")");
            return;
        }
        actions.notify(event);
    }

    /**
     * Makes no automatic restart from now on, until {@link #resumeRestarts}: services going down while the
     * system shuts down are not "repaired". Checks and notifications go on.
     *
     * @param why what the log says, e.g. "the system is rebooting (--reboot by alice)"
     * @return false when restarts are held already (the reason is {@link #restartsHeld()})
     */
    public synchronized boolean holdRestarts(String why) {
        if (restartsHeld != null) {
            return false;
        }
        restartsHeld = why;
        withheld.clear();
        LOG.warn("automatic restarts held: {}", why);
        return true;
    }

    /** Automatic restarts again; every monitored service is checked at once, so what went down is repaired. */
    public synchronized void resumeRestarts(String why) {
        if (restartsHeld == null) {
            return;
        }
        restartsHeld = null;
        withheld.clear();
        LOG.warn("automatic restarts resumed: {}", why);
        entries.keySet().stream().filter(this::monitored).forEach(actions::checkNow);
    }

    /** Why automatic restarts are held, or empty when they are not. */
    public synchronized Optional<String> restartsHeld() {
        return Optional.ofNullable(restartsHeld);
    }

    /** Takes up the modes saved by an earlier run (before {@link #start}). */
    public synchronized void useModes(Map<String, ServiceMode> saved) {
        modes.clear();
        modes.putAll(saved);
    }

    public synchronized ServiceMode mode(String service) {
        return modes.getOrDefault(service, ServiceMode.MONITORED);
    }

    /** Whether the daemon checks, repairs and notifies about the service (silenced ones are monitored too). */
    public synchronized boolean monitored(String service) {
        return mode(service).monitored();
    }

    /** Every mode that is not plain "monitored", for saving. */
    public synchronized Map<String, ServiceMode> modes() {
        Instant now = clock.instant();
        Map<String, ServiceMode> kept = new LinkedHashMap<>();
        modes.forEach((name, mode) -> {
            if (!mode.isDefaultAt(now)) {
                kept.put(name, mode);
            }
        });
        return kept;
    }

    /**
     * Sets the operator's mode of a service. Leaving monitoring drops its checks and watches; coming back
     * to it checks it at once.
     */
    public synchronized void changeMode(String service, ServiceMode next) {
        boolean was = monitored(service);
        modes.put(service, next);
        if (was && !next.monitored()) {
            actions.forget(service);
            Entry entry = entries.get(service);
            if (entry != null) {
                entry.restartNotBefore = null;
                entry.waitingForParentsSince = null;
            }
        } else if (!was && next.monitored()) {
            actions.checkNow(service);
        }
        changed(Unsaved.NOTABLE);
    }

    /** The service's next check result, whoever asked for the check. */
    public synchronized CompletableFuture<ServiceCheck> nextResult(String service) {
        CompletableFuture<ServiceCheck> result = new CompletableFuture<>();
        waiting.computeIfAbsent(service, name -> new ArrayList<>()).add(result);
        return result;
    }

    /** A copy of every service's state, in declaration order, for saving. */
    public synchronized Map<String, ServiceRuntimeState> states() {
        Map<String, ServiceRuntimeState> copy = new LinkedHashMap<>();
        entries.forEach((name, entry) -> copy.put(name, entry.state));
        return copy;
    }

    public synchronized List<ServiceView> views() {
        return entries.values().stream().map(entry -> new ServiceView(entry.name(),
                entry.lastCheck == null ? null : entry.lastCheck.reason(), entry.blockedBy)).toList();
    }

    /** How much changed since the last call, which then counts as saved. */
    public synchronized Unsaved takeUnsaved() {
        Unsaved was = unsaved;
        unsaved = Unsaved.NOTHING;
        return was;
    }

    private void changed(Unsaved level) {
        if (level.compareTo(unsaved) > 0) {
            unsaved = level;
        }
    }

    private static String fingerprint(ServiceSpec spec) {
        return ConfigFingerprint.of(spec, spec.policy());
    }

    private static ServiceEvent.Kind eventKind(NotificationKind kind) {
        return switch (kind) {
            case PROBLEM -> ServiceEvent.Kind.PROBLEM;
            case RECOVERY -> ServiceEvent.Kind.RECOVERY;
            case FLAPPING_STARTED -> ServiceEvent.Kind.FLAPPING_STARTED;
            case FLAPPING_ENDED -> ServiceEvent.Kind.FLAPPING_ENDED;
            case GIVEN_UP -> ServiceEvent.Kind.GIVEN_UP;
        };
    }
}
