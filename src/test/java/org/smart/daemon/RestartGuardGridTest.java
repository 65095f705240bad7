package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smart.action.RestartOutcome;
import org.smart.check.ServiceCheck;
import org.smart.check.Status;
import org.smart.model.Origin;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;
import org.smart.policy.RecoverMode;
import org.smart.state.FlappingThresholds;
import org.smart.state.RestartLimit;
import org.smart.testing.MutableClock;

/**
 * The restart guard's rule (issue 10) over every combination of INTERVAL, RESTART_DELAY, START_TIMEOUT and
 * RESTART_LIMIT it names: the real {@link Supervisor} makes every decision, on a hand-moved clock, inside a
 * small simulation of what {@link CheckRunner} and {@link Scheduler} do with them.
 */
class RestartGuardGridTest {

    /** The pause RESTART_DELAY doubles up to, unless RESTART_DELAY itself is longer. */
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);

    static Stream<Arguments> grid() {
        List<Arguments> cells = new ArrayList<>();
        for (int interval : new int[] {1, 5, 60, 300}) {
            for (int delay : new int[] {0, 1, 30, 600}) {
                for (int startTimeout : new int[] {1, 30}) {
                    for (String limit : new String[] {"1/1", "3/5", "5/20"}) {
                        cells.add(Arguments.of(interval, delay, startTimeout, limit));
                    }
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "INTERVAL={0} RESTART_DELAY={1} START_TIMEOUT={2} RESTART_LIMIT={3}")
    @MethodSource("grid")
    void aServiceThatNeverStartsIsStartedExactlyNTimesAndGivenUpOnce(int interval, int delay, int startTimeout,
                                                                     String limitText) {
        RestartLimit limit = RestartLimit.parse(limitText);
        SimulatedDaemon daemon = new SimulatedDaemon(service(interval, delay, limit), Duration.ofSeconds(startTimeout),
                World.NEVER_STARTS);

        daemon.runUntil(() -> daemon.givenUps() > 0 || daemon.starts.size() > limit.restarts(), Duration.ofDays(2));

        assertThat(daemon.starts).as("starts before it was given up").hasSize(limit.restarts());
        assertThat(daemon.givenUps()).as("GIVEN_UP notifications").isEqualTo(1);
        assertPausesHonoured(daemon.starts, Duration.ofSeconds(delay));
        assertThat(daemon.givenUpAt).as("given up only when the restart it refuses is due")
                .isAfterOrEqualTo(daemon.starts.get(limit.restarts() - 1).plus(pause(delay, limit.restarts())));

        Duration quietFor = Duration.ofSeconds(Math.max(2 * 3600, 100L * interval));
        daemon.runFor(quietFor);

        assertThat(daemon.starts).as("starts in the %s after it was given up", quietFor).hasSize(limit.restarts());
        assertThat(daemon.givenUps()).as("GIVEN_UP notifications").isEqualTo(1);
        assertThat(daemon.checksSince(daemon.givenUpAt)).as("a given-up service is still checked")
                .isGreaterThanOrEqualTo(quietFor.dividedBy(Duration.ofSeconds(interval + 1)) - 1);

        daemon.reset();
        daemon.runUntil(() -> daemon.starts.size() > limit.restarts(), Duration.ofSeconds(interval + 1));
        assertThat(daemon.starts).as("starts after 'smart reset'").hasSize(limit.restarts() + 1);
    }

    @ParameterizedTest(name = "INTERVAL={0} RESTART_DELAY={1} START_TIMEOUT={2} RESTART_LIMIT={3}")
    @MethodSource("grid")
    void aServiceThatOnlyCrashesAfterStayingOkForMoreThanMChecksIsNeverGivenUp(int interval, int delay,
                                                                              int startTimeout, String limitText) {
        RestartLimit limit = RestartLimit.parse(limitText);
        World crashesAfterAStableRun = World.crashingAfter(limit.checks() + 1);
        SimulatedDaemon daemon = new SimulatedDaemon(service(interval, delay, limit), Duration.ofSeconds(startTimeout),
                crashesAfterAStableRun);
        int crashes = 3 * limit.restarts() + 2;

        daemon.runUntil(() -> daemon.starts.size() >= crashes || daemon.givenUps() > 0,
                Duration.ofSeconds((long) crashes * (limit.checks() + 3) * (interval + startTimeout + 1)));

        assertThat(daemon.givenUps()).as("GIVEN_UP notifications").isZero();
        assertThat(daemon.starts).as("each crash restarted at once").hasSize(crashes);
    }

    /** Between the k-th and the next start at least RESTART_DELAY·2^(k-1), capped. */
    private static void assertPausesHonoured(List<Instant> starts, Duration delay) {
        for (int k = 1; k < starts.size(); k++) {
            assertThat(Duration.between(starts.get(k - 1), starts.get(k))).as("pause after start %d", k)
                    .isGreaterThanOrEqualTo(pause(delay.toSeconds(), k));
        }
    }

    private static Duration pause(long delaySeconds, int restartsSoFar) {
        Duration delay = Duration.ofSeconds(delaySeconds);
        Duration cap = delay.compareTo(LONGEST_PAUSE) > 0 ? delay : LONGEST_PAUSE;
        Duration pause = delay.multipliedBy(1L << Math.min(restartsSoFar - 1, 20));
        return pause.compareTo(cap) > 0 ? cap : pause;
    }

    private static ServiceSpec service(int interval, int delay, RestartLimit limit) {
        // Flapping detection has tests of its own; here it would only hide restarts the guard has to judge.
        ServicePolicy policy = new ServicePolicy(Duration.ofSeconds(interval), null, 1, RecoverMode.D, false,
                FlappingThresholds.DEFAULT, limit, Duration.ofSeconds(delay), Duration.ZERO, List.of());
        return new ServiceSpec("web", "web", 0, "", 1, 1, "/usr/sbin/start-web", null, null, StartMode.PLAIN, "",
                Origin.of(Path.of("/etc/smart/smart.yml"), 1), policy);
    }

    /** What the service does: what each check finds, and whether a restart brings it up. */
    private interface World {
        World NEVER_STARTS = new World() {
            @Override
            public Status check() {
                return Status.NOT_RUNNING;
            }

            @Override
            public boolean restarted() {
                return false;
            }
        };

        Status check();

        /** A restart was made; returns whether it brought the service up. */
        boolean restarted();

        /** Up at first and after each restart, for {@code okChecks} checks; then down until restarted. */
        static World crashingAfter(int okChecks) {
            return new World() {
                private int okLeft = okChecks;

                @Override
                public Status check() {
                    if (okLeft == 0) {
                        return Status.NOT_RUNNING;
                    }
                    okLeft--;
                    return Status.OK;
                }

                @Override
                public boolean restarted() {
                    okLeft = okChecks;
                    return true;
                }
            };
        }
    }

    /**
     * The daemon around the supervisor, as {@link CheckRunner} and {@link Scheduler} run it: one check of the
     * service at a time, at the time last planned ({@code checkAt} replaces the plan, {@code checkNow} makes it
     * due at once); a restart begins when the check that decided it is done, no check runs while it lasts, and
     * the service is checked as soon as it is over. A restart that brings the service up takes a second; one
     * that does not takes START_TIMEOUT, which the restarter waits for the service.
     */
    private static final class SimulatedDaemon implements Supervisor.Actions {
        private static final Duration CHECK_TAKES = Duration.ofMillis(50);

        private final MutableClock clock = new MutableClock();
        private final Supervisor supervisor = new Supervisor(clock, this);
        private final ServiceSpec spec;
        private final Duration startTimeout;
        private final World world;
        private final List<Instant> checks = new ArrayList<>();
        private final List<ServiceEvent.Kind> events = new ArrayList<>();
        final List<Instant> starts = new ArrayList<>();
        Instant givenUpAt;
        private Instant plannedCheck;
        private boolean restartDecided;
        private Instant restartEnds;

        SimulatedDaemon(ServiceSpec spec, Duration startTimeout, World world) {
            this.spec = spec;
            this.startTimeout = startTimeout;
            this.world = world;
            supervisor.start(List.of(spec), Map.of());
        }

        @Override
        public void checkAt(String service, Instant at) {
            plannedCheck = at;
        }

        @Override
        public void checkNow(String service) {
            if (restartEnds == null) {
                plannedCheck = clock.instant();
            }
        }

        @Override
        public void restart(ServiceSpec restarted) {
            restartDecided = true;
            starts.add(clock.instant());
        }

        @Override
        public void notify(ServiceEvent event) {
            events.add(event.kind());
            if (event.kind() == ServiceEvent.Kind.GIVEN_UP) {
                givenUpAt = clock.instant();
            }
        }

        @Override
        public void forget(String service) {
            throw new AssertionError("no reload here");
        }

        long givenUps() {
            return events.stream().filter(kind -> kind == ServiceEvent.Kind.GIVEN_UP).count();
        }

        long checksSince(Instant since) {
            return checks.stream().filter(at -> !at.isBefore(since)).count();
        }

        void reset() {
            assertThat(supervisor.reset(spec.name())).isTrue();
        }

        void runUntil(java.util.function.BooleanSupplier done, Duration atMost) {
            Instant end = clock.instant().plus(atMost);
            while (!done.getAsBoolean() && clock.instant().isBefore(end)) {
                step();
            }
        }

        void runFor(Duration duration) {
            runUntil(() -> false, duration);
        }

        private void step() {
            Instant next = restartEnds != null ? restartEnds : plannedCheck;
            assertThat(next).as("something planned for the service at %s", clock.instant()).isNotNull();
            if (next.isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), next));
            }
            if (restartEnds != null) {
                finishRestart();
            } else {
                check();
            }
        }

        private void check() {
            plannedCheck = null;
            Instant started = clock.instant();
            Status status = world.check();
            clock.advance(CHECK_TAKES);
            checks.add(clock.instant());
            supervisor.onResult(spec.name(), result(status), started);
            if (restartDecided) {
                restartDecided = false;
                restartEnds = clock.instant();
            }
        }

        private void finishRestart() {
            boolean up = world.restarted();
            clock.advance(up ? Duration.ofSeconds(1) : startTimeout);
            restartEnds = null;
            supervisor.onRestartDone(spec.name(), new RestartOutcome(List.of("started"),
                    result(up ? Status.OK : Status.NOT_RUNNING), up, up ? Duration.ofSeconds(1) : startTimeout));
            plannedCheck = clock.instant(); // CheckRunner checks a service as soon as its restart is over
        }

        private ServiceCheck result(Status status) {
            return Fixtures.check(spec, status);
        }
    }
}
