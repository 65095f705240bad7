package org.smart.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smart.notify.Fixtures.T0;
import static org.smart.notify.Fixtures.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smart.model.WebhookFormat;

class WebhookChannelTest {

    private final WebhookServer server;

    WebhookChannelTest() throws Exception {
        server = new WebhookServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void postsTheNotificationAsJson() throws Exception {
        Notification n = problem(T0);

        new WebhookChannel(server.url(), Duration.ofSeconds(5)).deliver(n);

        assertThat(server.bodies()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(server.bodies().get(0));
        assertThat(json.path("id").asText()).isEqualTo(n.id());
        assertThat(json.path("kind").asText()).isEqualTo("PROBLEM");
        assertThat(json.path("host").asText()).isEqualTo("web1");
        assertThat(json.path("service").asText()).isEqualTo("apache");
        assertThat(json.path("subject").asText()).isEqualTo("web1: apache is DOWN");
        assertThat(json.path("body").asText()).isEqualTo(n.body());
        assertThat(json.path("details").path("status").asText()).isEqualTo("4");
        assertThat(json.path("details").path("final state").asText()).isEqualTo("OK");
        assertThat(json.path("created_at").asText()).isEqualTo("2025-03-01T10:00:00Z");
    }

    @Test
    void theTextFormatPostsOnlyWhatAChatToolShows() throws Exception {
        Notification n = problem(T0);

        new WebhookChannel(server.url(), Duration.ofSeconds(5), WebhookFormat.TEXT).deliver(n);

        assertThat(server.bodies()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(server.bodies().get(0));
        assertThat(json.isObject()).isTrue();
        assertThat(json.size()).as("Slack and Mattermost read 'text'; nothing else is sent").isEqualTo(1);
        assertThat(json.path("text").asText()).isEqualTo("web1: apache is DOWN\n\n" + n.body().strip());
    }

    @Test
    void theTextFormatOfANotificationWithoutBodyIsItsSubject() throws Exception {
        Notification n = Notification.builder(NotificationKind.GENERAL, "web1", T0).subject("s \"quoted\"").body("")
                .build();

        new WebhookChannel(server.url(), Duration.ofSeconds(5), WebhookFormat.TEXT).deliver(n);

        assertThat(new ObjectMapper().readTree(server.bodies().get(0)).path("text").asText()).isEqualTo("s \"quoted\"");
    }

    @Test
    void generalMessageHasANullService() throws Exception {
        Notification n = Notification.builder(NotificationKind.GENERAL, "web1", T0).subject("s").body("b").build();

        new WebhookChannel(server.url(), Duration.ofSeconds(5)).deliver(n);

        assertThat(new ObjectMapper().readTree(server.bodies().get(0)).get("service").isNull()).isTrue();
    }

    @Test
    void non2xxIsAFailureNamingTheStatusButNotTheToken() {
        server.answer(500);
        WebhookChannel webhook = new WebhookChannel(server.url(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> webhook.deliver(problem(T0)))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("webhook http://127.0.0.1:" + server.url().getPort() + " answered HTTP 500: boom");
    }

    @Test
    void noAnswerWithinTheTimeoutIsAFailure() {
        server.hang();
        WebhookChannel webhook = new WebhookChannel(server.url(), Duration.ofSeconds(1));

        assertThatThrownBy(() -> webhook.deliver(problem(T0)))
                .hasMessage("webhook http://127.0.0.1:" + server.url().getPort() + " did not answer within 1 s");
    }

    @Test
    void refusesUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> new WebhookChannel(URI.create("file:///etc/passwd"), Duration.ofSeconds(1)))
                .hasMessageContaining("got scheme 'file'");
    }
}
