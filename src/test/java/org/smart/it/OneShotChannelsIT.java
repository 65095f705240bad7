package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smart.notify.WebhookServer;

/**
 * A cron run ({@code smart -d}) notifies through every configured channel, as the daemon does: mail (a real SMTP
 * server), the webhook (a real HTTP server in this JVM, which the run reaches over loopback) and the notification
 * command; and a channel that fails keeps its copy for the next run, whatever the others did.
 */
class OneShotChannelsIT {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final FakeDaemons daemons = new FakeDaemons();
    private final SmartCli smart = new SmartCli();
    private WebhookServer webhook;
    private ConfigDir conf;
    private Path commandLog;
    private String token;

    @BeforeEach
    void setUp() throws Exception {
        webhook = new WebhookServer();
        conf = new ConfigDir(tmp.resolve("conf"))
                .host("MAIL_TO=ops@example.org")
                .host("SMTP_HOST=127.0.0.1")
                .host("SMTP_PORT=" + MAIL.getSmtp().getPort())
                .host("WEBHOOK_URL=" + webhook.url())
                .host("NOTIFY_TIMEOUT=10");
        commandLog = tmp.resolve("command.log");
        Path command = conf.script("notify.sh", "#!/bin/sh\necho \"$SMART_KIND|$SMART_SERVICE|$SMART_SUBJECT\" >> "
                + commandLog + "\n");
        conf.host("NOTIFY_COMMAND=" + command);
        Path startScript = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
        token = daemons.newToken();
        Path pid = conf.dir.resolve("alpha.pid");
        conf.service("alpha;sleep;" + token + ";1;1;" + startScript + " " + pid + " " + token + ";" + pid + ";;0;");
    }

    @AfterEach
    void tearDown() {
        webhook.close();
        daemons.close();
    }

    @Test
    void aCronRunNotifiesThroughMailWebhookAndCommand() throws Exception {
        conf.write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        String subject = MAIL.getReceivedMessages()[0].getSubject();
        assertThat(subject).contains("alpha").contains("DOWN");

        assertThat(webhook.bodies()).hasSize(1);
        JsonNode posted = JSON.readTree(webhook.bodies().get(0));
        assertThat(posted.path("service").asText()).isEqualTo("alpha");
        assertThat(posted.path("subject").asText()).isEqualTo(subject);
        assertThat(posted.path("details").path("action").asText()).isEqualTo("restart");

        assertThat(Files.readAllLines(commandLog)).containsExactly("SERVICE_ACTION|alpha|" + subject);
        assertThat(result.out()).contains("mail: delivered", "webhook: delivered", "command: delivered");
    }

    @Test
    void theTextFormatPostsWhatAChatToolShows() throws Exception {
        conf.host("WEBHOOK_FORMAT=text").write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode posted = JSON.readTree(webhook.bodies().get(0));
        assertThat(posted.size()).isEqualTo(1);
        assertThat(posted.path("text").asText()).startsWith(MAIL.getReceivedMessages()[0].getSubject() + "\n\n")
                .contains("alpha");
    }

    @Test
    void aFailingWebhookKeepsItsCopyForTheNextRunAndTheOtherChannelsDeliverAnyway() throws Exception {
        conf.write();
        webhook.answer(503);

        SmartCli.Result first = smart.run("--conf", conf.path(), "-d");

        assertThat(first.out()).contains("webhook: failed").contains("HTTP 503").contains("kept in spool")
                .doesNotContain("SECRET-TOKEN");
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(Files.readAllLines(commandLog)).hasSize(1);
        String id = JSON.readTree(webhook.bodies().get(0)).path("id").asText();

        webhook.answer(200);
        SmartCli.Result second = smart.run("--conf", conf.path());

        assertThat(second.out()).contains("webhook: delivered " + id);
        assertThat(webhook.bodies()).hasSize(2);
        assertThat(JSON.readTree(webhook.bodies().get(1)).path("id").asText()).isEqualTo(id);
        assertThat(MAIL.getReceivedMessages()).as("mail was delivered the first time: not again").hasSize(1);
        assertThat(Files.readAllLines(commandLog)).as("nor the command").hasSize(1);
    }
}
