package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smart.action.RestartOutcome;
import org.smart.check.Status;
import org.smart.model.ServiceSpec;
import org.smart.notify.Notification;
import org.smart.notify.NotificationKind;
import org.smart.state.ServiceRuntimeState;

class NotificationComposerTest {

    private final NotificationComposer composer = new NotificationComposer("web1");
    private final ServiceSpec web = Fixtures.service("web");

    private Notification compose(ServiceEvent.Kind kind, ServiceRuntimeState state, RestartOutcome restart) {
        return composer.compose(new ServiceEvent(kind, web, state, Fixtures.check(web, Status.NOT_RUNNING), null,
                restart, ""), Fixtures.T0);
    }

    @Test
    void aProblemSaysWhatAndWhyInSubjectBodyAndDetails() {
        Notification n = compose(ServiceEvent.Kind.PROBLEM, Fixtures.givenUp(3), null);

        assertThat(n.kind()).isEqualTo(NotificationKind.PROBLEM);
        assertThat(n.service()).isEqualTo("web");
        assertThat(n.subject()).isEqualTo("[SMART] web1: web is DOWN (status 3)");
        assertThat(n.details()).containsEntry("status", "3").containsEntry("state", "DOWN")
                .containsEntry("state_type", "HARD").containsEntry("reason", "0 processes of 'sleep', expected 1")
                .containsEntry("given_up", "true").containsEntry("restarts", "3");
        assertThat(n.body()).contains("reason:         0 processes of 'sleep', expected 1")
                .contains("smart reset web");
    }

    @Test
    void eachEventHasItsKindAndHeadline() {
        ServiceRuntimeState state = Fixtures.givenUp(3);
        assertThat(compose(ServiceEvent.Kind.GIVEN_UP, state, null)).satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.GIVEN_UP);
            assertThat(n.subject()).isEqualTo("[SMART] web1: gave up restarting web after 3 restart(s) that did not keep it"
                    + " OK for 5 checks in a row; run 'smart reset web' once it is fixed");
        });
        assertThat(compose(ServiceEvent.Kind.FLAPPING_STARTED, state, null).kind())
                .isEqualTo(NotificationKind.FLAPPING_START);
        assertThat(compose(ServiceEvent.Kind.FLAPPING_ENDED, state, null).kind()).isEqualTo(NotificationKind.FLAPPING_END);
        assertThat(compose(ServiceEvent.Kind.REMINDER, state, null).subject()).endsWith("web is still DOWN (status 3)");
    }

    @Test
    void aRestartTellsItsStepsAndOutcome() {
        RestartOutcome failed = new RestartOutcome(List.of("started '/usr/bin/start-web' (pid 42)", "still DOWN"),
                Fixtures.check(web, Status.NOT_RUNNING), false, Duration.ofSeconds(30));

        Notification n = compose(ServiceEvent.Kind.RESTARTED, Fixtures.givenUp(3), failed);

        assertThat(n.kind()).isEqualTo(NotificationKind.SERVICE_ACTION);
        assertThat(n.subject()).isEqualTo("[SMART] web1: web restart FAILED, still DOWN");
        assertThat(n.details()).containsEntry("action", "restart").containsEntry("outcome", "FAILED")
                .containsEntry("final_state", "DOWN");
        assertThat(n.body()).contains("  - started '/usr/bin/start-web' (pid 42)");
    }
}
