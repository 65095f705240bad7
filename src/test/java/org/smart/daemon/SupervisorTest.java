package org.smart.daemon;

import org.smart.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smart.action.RestartOutcome;
import org.smart.check.ProbeOutcome;
import org.smart.check.ServiceCheck;
import org.smart.check.State;
import org.smart.check.Status;
import org.smart.model.Origin;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;
import org.smart.policy.RecoverMode;
import org.smart.process.PidFileCheck;
import org.smart.process.PidFileState;
import org.smart.state.FlappingThresholds;
import org.smart.state.RestartLimit;
import org.smart.state.ServiceRuntimeState;
import org.smart.state.StateType;

/** The daemon's decisions, driven result by result with a hand-moved clock. */
class SupervisorTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock();
    private final RecordingActions actions = new RecordingActions();
    private final Supervisor supervisor = new Supervisor(clock, actions);

    /** A policy with the given parts, the defaults otherwise (interval 60 s, restart delay 0). */
    private static ServicePolicy policy(int attempts, RecoverMode recover, RestartLimit limit, Duration delay,
                                        Duration renotify, String... dependsOn) {
        return new ServicePolicy(MINUTE, Duration.ofSeconds(10), attempts, recover, true, FlappingThresholds.DEFAULT,
                limit, delay, renotify, List.of(dependsOn));
    }

    private static ServicePolicy simple(String... dependsOn) {
        return policy(1, RecoverMode.D, RestartLimit.DEFAULT, Duration.ZERO, Duration.ZERO, dependsOn);
    }

    private static ServiceSpec service(String name, ServicePolicy policy) {
        return new ServiceSpec(name, "sleep", 0, name, 1, 1, "/usr/bin/start-" + name, null, null, StartMode.PLAIN, "",
                Origin.of(Path.of("/etc/smart/smart.yml"), 1), policy);
    }

    private ServiceCheck result(ServiceSpec spec, Status status) {
        return new ServiceCheck(spec, status, status.state() == State.OK ? 1 : 0,
                new PidFileCheck(PidFileState.NOT_DEFINED, 0, "no pid file defined"), ProbeOutcome.noTool(),
                clock.instant());
    }

    /** One check of {@code spec} that took a second and found {@code status}. */
    private void checked(ServiceSpec spec, Status status) {
        Instant started = clock.instant();
        clock.advanceSeconds(1);
        supervisor.onResult(spec.name(), result(spec, status), started);
    }

    private ServiceRuntimeState state(String name) {
        return supervisor.states().get(name);
    }

    @Test
    void firstChecksAreSpreadOverTheIntervalWithParentsFirst() {
        Instant t0 = clock.instant();
        supervisor.start(List.of(service("app", simple("db")), service("db", simple()), service("cron", simple())),
                Map.of());

        assertThat(actions.plannedChecks).containsExactlyInAnyOrderEntriesOf(Map.of(
                "db", t0, "app", t0.plusSeconds(20), "cron", t0.plusSeconds(40)));
    }

    @Test
    void aDownServiceIsRestartedNotifiedAndNotCheckedUntilTheRestartIsDone() {
        ServiceSpec web = service("web", simple());
        supervisor.start(List.of(web), Map.of());
        checked(web, Status.OK);
        assertThat(actions.plannedChecks).containsEntry("web", clock.instant().plus(MINUTE));
        actions.clear();

        checked(web, Status.NOT_RUNNING);

        assertThat(actions.restarted).containsExactly("web");
        assertThat(actions.plannedChecks).doesNotContainKey("web");
        assertThat(actions.eventLines()).containsExactly("PROBLEM web");

        supervisor.onRestartDone("web", new RestartOutcome(List.of("started"), result(web, Status.OK), true,
                Duration.ofMillis(300)));
        checked(web, Status.OK);

        assertThat(actions.eventLines()).containsExactly("PROBLEM web", "RESTARTED web", "RECOVERY web");
        assertThat(state("web").restarts().restarts()).hasSize(1);
    }

    @Test
    void whileRestartsAreHeldAProblemIsNotifiedButNotRestartedAndResumingChecksAtOnce() {
        ServiceSpec web = service("web", simple());
        supervisor.start(List.of(web), Map.of());
        checked(web, Status.OK);

        assertThat(supervisor.holdRestarts("the system is rebooting (--reboot by alice)")).isTrue();
        assertThat(supervisor.holdRestarts("again")).as("one hold at a time").isFalse();
        assertThat(supervisor.restartsHeld()).contains("the system is rebooting (--reboot by alice)");
        actions.clear();
        checked(web, Status.NOT_RUNNING);
        checked(web, Status.NOT_RUNNING);

        assertThat(actions.restarted).isEmpty();
        assertThat(actions.eventLines()).containsExactly("PROBLEM web");
        assertThat(actions.plannedChecks).containsKey("web");
        assertThat(state("web").restarts().counted()).as("a withheld restart counts for nothing").isZero();

        supervisor.resumeRestarts("the reboot failed");
        assertThat(supervisor.restartsHeld()).isEmpty();
        assertThat(actions.checkedNow).containsExactly("web");
        checked(web, Status.NOT_RUNNING);
        assertThat(actions.restarted).containsExactly("web");
    }

    @Test
    void aProblemIsSoftUntilSeenMaxCheckAttemptsTimesAndRetriedSooner() {
        ServiceSpec web = service("web", policy(3, RecoverMode.D, RestartLimit.DEFAULT, Duration.ZERO, Duration.ZERO));
        supervisor.start(List.of(web), Map.of());
        checked(web, Status.OK);

        checked(web, Status.NOT_RESPONDING);
        assertThat(state("web").check().type()).isEqualTo(StateType.SOFT);
        assertThat(actions.plannedChecks).containsEntry("web", clock.instant().plusSeconds(10));
        checked(web, Status.NOT_RESPONDING);
        assertThat(actions.restarted).isEmpty();
        assertThat(actions.events).isEmpty();

        checked(web, Status.NOT_RESPONDING);

        assertThat(state("web").check().type()).isEqualTo(StateType.HARD);
        assertThat(actions.restarted).containsExactly("web");
        assertThat(actions.eventLines()).containsExactly("PROBLEM web");
    }

    @Test
    void aSoftProblemThatClearsIsNeitherRestartedNorNotified() {
        ServiceSpec web = service("web", policy(2, RecoverMode.D, RestartLimit.DEFAULT, Duration.ZERO, Duration.ZERO));
        supervisor.start(List.of(web), Map.of());

        checked(web, Status.NOT_RUNNING);
        checked(web, Status.OK);

        assertThat(actions.restarted).isEmpty();
        assertThat(actions.events).isEmpty();
    }

    @Test
    void recoverDecidesWhichStatesAreRepairedButEveryHardProblemIsNotified() {
        ServiceSpec web = service("web", simple());
        ServiceSpec db = service("db", policy(1, RecoverMode.NONE, RestartLimit.DEFAULT, Duration.ZERO, Duration.ZERO));
        supervisor.start(List.of(web, db), Map.of());

        checked(web, Status.DEGRADED);
        checked(db, Status.NOT_RUNNING);

        assertThat(actions.restarted).as("RECOVER=d leaves WARN alone; none repairs nothing").isEmpty();
        assertThat(actions.eventLines()).containsExactly("PROBLEM web", "PROBLEM db");
    }

    @Test
    void anAlternatingServiceStartsFlappingAtItsSixthResultAndIsThenNeitherRestartedNorNotified() {
        ServiceSpec web = service("web", policy(1, RecoverMode.D, new RestartLimit(100, 100), Duration.ZERO,
                Duration.ZERO));
        supervisor.start(List.of(web), Map.of());

        for (int i = 1; i <= 5; i++) {
            checked(web, i % 2 == 1 ? Status.OK : Status.NOT_RUNNING);
        }
        assertThat(state("web").flapping().flapping()).isFalse();
        assertThat(actions.restarted).as("restarted while not flapping").hasSize(2);
        actions.clear();

        checked(web, Status.NOT_RUNNING); // the 6th result: 33.9 %

        assertThat(state("web").flapping().flapping()).isTrue();
        assertThat(state("web").flapping().percent()).isEqualTo(33.9);
        assertThat(actions.eventLines()).containsExactly("FLAPPING_STARTED web");
        assertThat(actions.restarted).isEmpty();
        for (int i = 0; i < 10; i++) {
            checked(web, i % 2 == 0 ? Status.OK : Status.NOT_RUNNING);
        }
        assertThat(actions.restarted).isEmpty();
        assertThat(actions.eventLines()).containsExactly("FLAPPING_STARTED web");
    }

    @Test
    void flappingEndsOnceWithOneNotificationAndThePendingProblemIsThenNotified() {
        ServiceSpec web = service("web", policy(1, RecoverMode.NONE, RestartLimit.DEFAULT, Duration.ZERO,
                Duration.ZERO));
        supervisor.start(List.of(web), Map.of());
        for (int i = 1; i <= 6; i++) {
            checked(web, i % 2 == 1 ? Status.OK : Status.NOT_RUNNING);
        }
        actions.clear();

        for (int i = 0; i < 20 && state("web").flapping().flapping(); i++) {
            checked(web, Status.NOT_RUNNING);
        }

        assertThat(state("web").flapping().flapping()).isFalse();
        assertThat(actions.eventLines()).containsExactly("FLAPPING_ENDED web", "PROBLEM web");
    }

    @Test
    void theRestartGuardGivesUpAfterTheLimitWithOneAlertUntilReset() {
        ServiceSpec web = service("web", policy(1, RecoverMode.D, new RestartLimit(3, 5), Duration.ZERO,
                Duration.ZERO));
        supervisor.start(List.of(web), Map.of());

        for (int i = 0; i < 8; i++) {
            checked(web, Status.NOT_RUNNING);
        }

        assertThat(actions.restarted).hasSize(3);
        assertThat(actions.eventLines()).containsExactly("PROBLEM web", "GIVEN_UP web");
        assertThat(state("web").restarts().givenUp()).isTrue();
        assertThat(actions.plannedChecks).as("a given-up service is still checked").containsKey("web");
        actions.clear();

        assertThat(supervisor.reset("web")).isTrue();
        assertThat(supervisor.reset("nonesuch")).isFalse();

        assertThat(state("web").restarts().givenUp()).isFalse();
        assertThat(actions.checkedNow).containsExactly("web");
        checked(web, Status.NOT_RUNNING);
        assertThat(actions.restarted).containsExactly("web");
    }

    @Test
    void theDelayBetweenRestartsGrowsAndTheNextCheckWaitsForIt() {
        ServiceSpec web = service("web", policy(1, RecoverMode.D, new RestartLimit(5, 20), Duration.ofSeconds(30),
                Duration.ZERO));
        supervisor.start(List.of(web), Map.of());
        checked(web, Status.NOT_RUNNING);
        Instant firstRestart = clock.instant();
        assertThat(actions.restarted).hasSize(1);

        checked(web, Status.NOT_RUNNING);

        assertThat(actions.restarted).hasSize(1);
        assertThat(actions.plannedChecks).containsEntry("web", firstRestart.plusSeconds(30));

        clock.advance(Duration.ofSeconds(29));
        checked(web, Status.NOT_RUNNING);
        assertThat(actions.restarted).hasSize(2);
        Instant secondRestart = clock.instant();

        checked(web, Status.NOT_RUNNING);
        assertThat(actions.plannedChecks).as("60 s after the second, but never later than the interval")
                .containsEntry("web", secondRestart.plusSeconds(60));
    }

    @Test
    void aDependentOfABrokenParentIsUnreachableNamingItAndIsNeitherRestartedNorNotified() {
        ServiceSpec db = service("db", simple());
        ServiceSpec app = service("app", simple("db"));
        supervisor.start(List.of(db, app), Map.of());
        checked(db, Status.OK);
        checked(app, Status.OK);
        actions.clear();

        checked(db, Status.NOT_RUNNING);

        assertThat(actions.restarted).containsExactly("db");
        assertThat(actions.checkedNow).as("its dependents are looked at at once").containsExactly("app");

        checked(app, Status.NOT_RUNNING);

        assertThat(state("app").check().state()).isEqualTo(State.UNREACHABLE);
        assertThat(supervisor.views()).contains(new Supervisor.ServiceView("app", "1 process of 'sleep', expected 1"
                .replace("1 process", "0 processes"), "db"));
        assertThat(actions.restarted).containsExactly("db");
        assertThat(actions.eventLines()).containsExactly("PROBLEM db");
    }

    @Test
    void whenParentAndDependentAreBothDownTheParentIsRecoveredFirst() {
        ServiceSpec db = service("db", simple());
        ServiceSpec app = service("app", simple("db"));
        supervisor.start(List.of(db, app), Map.of());
        checked(db, Status.OK);
        checked(app, Status.OK);
        actions.clear();

        checked(app, Status.NOT_RUNNING); // db was last checked before this check began

        assertThat(actions.restarted).as("app waits for db to be looked at").isEmpty();
        assertThat(actions.checkedNow).containsExactly("db");
        actions.clear();

        checked(db, Status.NOT_RUNNING);
        assertThat(actions.restarted).containsExactly("db");
        assertThat(actions.checkedNow).containsExactly("app");
        checked(app, Status.NOT_RUNNING);
        assertThat(state("app").check().state()).isEqualTo(State.UNREACHABLE);
        actions.clear();
        supervisor.onRestartDone("db", new RestartOutcome(List.of(), result(db, Status.OK), true, Duration.ZERO));

        checked(db, Status.OK);
        assertThat(actions.checkedNow).containsExactly("app");
        checked(app, Status.NOT_RUNNING);

        assertThat(actions.restarted).containsExactly("app");
        assertThat(actions.eventLines()).containsExactly("RESTARTED db", "RECOVERY db", "PROBLEM app");
    }

    @Test
    void aProblemIsNotifiedAgainAfterTheRenotifyInterval() {
        ServiceSpec web = service("web", policy(1, RecoverMode.NONE, RestartLimit.DEFAULT, Duration.ZERO,
                Duration.ofMinutes(5)));
        supervisor.start(List.of(web), Map.of());

        checked(web, Status.NOT_RUNNING);
        clock.advance(Duration.ofMinutes(3));
        checked(web, Status.NOT_RUNNING);
        assertThat(actions.eventLines()).containsExactly("PROBLEM web");

        clock.advance(Duration.ofMinutes(2));
        checked(web, Status.NOT_RUNNING);
        checked(web, Status.NOT_RUNNING);

        assertThat(actions.eventLines()).containsExactly("PROBLEM web", "REMINDER web");
    }

    @Test
    void savedStateContinuesAndAChangedServiceGetsAFreshRestartGuard() {
        ServiceSpec web = service("web", policy(1, RecoverMode.D, new RestartLimit(1, 5), Duration.ZERO, Duration.ZERO));
        supervisor.start(List.of(web), Map.of());
        checked(web, Status.NOT_RUNNING);
        checked(web, Status.NOT_RUNNING);
        Map<String, ServiceRuntimeState> saved = supervisor.states();
        assertThat(saved.get("web").restarts().givenUp()).isTrue();

        Supervisor sameConfig = new Supervisor(clock, new RecordingActions());
        sameConfig.start(List.of(web), saved);
        Supervisor changed = new Supervisor(clock, new RecordingActions());
        changed.start(List.of(service("web", simple())), saved);

        assertThat(sameConfig.states().get("web")).isEqualTo(saved.get("web"));
        assertThat(changed.states().get("web").restarts().givenUp()).isFalse();
        assertThat(changed.states().get("web").checkCount()).isEqualTo(2);
    }

    @Test
    void aReloadKeepsUnchangedServicesResetsChangedOnesAndForgetsRemovedOnes() {
        ServiceSpec web = service("web", policy(1, RecoverMode.D, new RestartLimit(1, 5), Duration.ZERO, Duration.ZERO));
        ServiceSpec db = service("db", simple());
        ServiceSpec cron = service("cron", simple());
        supervisor.start(List.of(web, db, cron), Map.of());
        checked(web, Status.NOT_RUNNING);
        checked(web, Status.NOT_RUNNING);
        checked(db, Status.OK);
        ServiceRuntimeState dbBefore = state("db");
        actions.clear();

        Supervisor.ReloadSummary summary = supervisor.reload(List.of(service("web", simple()), db,
                service("mail", simple())));

        assertThat(summary).isEqualTo(new Supervisor.ReloadSummary(List.of("mail"), List.of("web"), List.of("cron"), 1));
        assertThat(state("db")).isEqualTo(dbBefore);
        assertThat(state("web").restarts().givenUp()).isFalse();
        assertThat(state("web").checkCount()).isEqualTo(2);
        assertThat(supervisor.states()).containsOnlyKeys("web", "db", "mail");
        assertThat(actions.forgotten).containsExactly("cron");
        assertThat(actions.checkedNow).containsExactly("web");
        assertThat(actions.plannedChecks).containsOnlyKeys("mail");
    }

    @Test
    void aResultForAServiceRemovedMeanwhileIsIgnored() {
        ServiceSpec web = service("web", simple());
        supervisor.start(List.of(web), Map.of());
        supervisor.reload(List.of(service("db", simple())));
        actions.clear();

        checked(web, Status.NOT_RUNNING);

        assertThat(actions.restarted).isEmpty();
        assertThat(supervisor.states()).containsOnlyKeys("db");
    }

    @Test
    void anUnmonitoredServiceIsForgottenIgnoredAndCheckedAtOnceWhenMonitoredAgain() {
        ServiceSpec web = service("web", simple());
        supervisor.start(List.of(web), Map.of());
        checked(web, Status.OK);

        supervisor.changeMode("web", ServiceMode.MONITORED.with(ServiceMode.Monitoring.UNMONITORED, "alice"));
        checked(web, Status.NOT_RUNNING);

        assertThat(actions.forgotten).containsExactly("web");
        assertThat(actions.restarted).as("no action while unmonitored").isEmpty();
        assertThat(actions.events).as("no notification while unmonitored").isEmpty();
        assertThat(state("web").check().state()).as("the result is not recorded").isEqualTo(State.OK);

        supervisor.changeMode("web", ServiceMode.MONITORED.with(ServiceMode.Monitoring.MONITORED, "alice"));
        assertThat(actions.checkedNow).containsExactly("web");
        assertThat(supervisor.modes()).as("plain monitored is not worth keeping").isEmpty();
    }

    @Test
    void aSilencedServiceIsRepairedButNobodyIsToldUntilTheSilenceEnds() {
        ServiceSpec web = service("web", simple());
        supervisor.start(List.of(web), Map.of());
        checked(web, Status.OK);
        supervisor.changeMode("web", ServiceMode.MONITORED.silenced(clock.instant().plusSeconds(600), "work", "alice"));

        checked(web, Status.NOT_RUNNING);
        assertThat(actions.restarted).as("still repaired").containsExactly("web");
        assertThat(actions.events).isEmpty();
        assertThat(supervisor.modes()).containsKey("web");

        clock.advanceSeconds(600);
        checked(web, Status.OK);
        assertThat(actions.events).extracting(ServiceEvent::kind).as("the silence ended by itself")
                .containsExactly(ServiceEvent.Kind.RECOVERY);
        assertThat(supervisor.modes()).isEmpty();
    }

    @Test
    void resetClearsTheFlappingHistoryButKeepsTheLatestState() {
        ServiceSpec web = service("web", simple());
        supervisor.start(List.of(web), Map.of());
        for (int i = 0; i < 6; i++) {
            checked(web, i % 2 == 0 ? Status.OK : Status.NOT_RUNNING);
        }
        assertThat(state("web").flapping().changeBits()).isNotZero();

        supervisor.reset("web");

        assertThat(state("web").flapping().changeBits()).isZero();
        assertThat(state("web").flapping().flapping()).isFalse();
        checked(web, Status.NOT_RUNNING);
        assertThat(state("web").flapping().changeBits()).as("the same state again is no change").isZero();
    }

    @Test
    void theNextResultIsHandedToWhoeverWaitsForIt() {
        ServiceSpec web = service("web", simple());
        supervisor.start(List.of(web), Map.of());
        var next = supervisor.nextResult("web");

        checked(web, Status.OK);

        assertThat(next).isCompleted();
        assertThat(next.join().state()).isEqualTo(State.OK);
    }
}
