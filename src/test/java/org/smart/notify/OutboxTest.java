package org.smart.notify;

import org.smart.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smart.notify.Fixtures.T0;
import static org.smart.notify.Fixtures.mailSettings;
import static org.smart.notify.Fixtures.problem;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(T0);
    private GreenMail smtp;
    private WebhookServer webhook;

    @AfterEach
    void stopServers() {
        if (smtp != null) {
            smtp.stop();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    private Path spoolDir() {
        return tmp.resolve("state/spool");
    }

    private MailChannel mailTo(int port) {
        return new MailChannel(mailSettings(port, "", null), NO_ENV, Duration.ofSeconds(2));
    }

    private Outbox outbox(Clock clock, Channel... channels) {
        return new Outbox(spoolDir(), List.of(channels), clock);
    }

    /** An outbox with one webhook channel whose server answers {@code status} until told otherwise. */
    private Outbox webhookOutbox(int status) throws Exception {
        webhook = new WebhookServer();
        webhook.answer(status);
        return outbox(clock, new WebhookChannel(webhook.url(), Duration.ofSeconds(5)));
    }

    private List<Path> spoolFiles() throws Exception {
        try (Stream<Path> files = Files.list(spoolDir())) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }

    @Test
    void deliveredNotificationLeavesNothingInTheSpool() throws Exception {
        smtp = Fixtures.startSmtp(0);
        Notification n = problem(T0);

        DeliveryReport report = outbox(clock, mailTo(smtp.getSmtp().getPort())).send(n);

        assertThat(report.delivered("mail")).containsExactly(n.id());
        assertThat(report.allDelivered()).isTrue();
        assertThat(report.lines()).containsExactly("mail: delivered " + n.id());
        assertThat(smtp.getReceivedMessages()).isNotEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void mailThatCannotBeSentIsSpooledAndDeliveredByALaterRun() throws Exception {
        int port = Fixtures.closedPort();
        Notification n = problem(T0);

        DeliveryReport down = outbox(clock, mailTo(port)).send(n);

        Path spooled = spoolDir().resolve(n.id() + ".mail.json");
        assertThat(down.failures("mail")).singleElement().satisfies(failure -> {
            assertThat(failure.notificationId()).isEqualTo(n.id());
            assertThat(failure.failure()).startsWith("SMTP server 127.0.0.1:" + port + ": ").contains("refused");
            assertThat(failure.keptAt()).isEqualTo(spooled);
            assertThat(failure.describe()).endsWith("; kept in spool at " + spooled);
        });
        assertThat(spoolFiles()).containsExactly(spooled);
        assertThat(Files.getPosixFilePermissions(spoolDir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(spooled)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        smtp = Fixtures.startSmtp(port);
        DeliveryReport later = outbox(clock, mailTo(port)).flush(true); // a new run: a new Outbox, same spool

        assertThat(later.delivered("mail")).containsExactly(n.id());
        assertThat(smtp.getReceivedMessages()).isNotEmpty();
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo(n.subject());
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void anEnqueuedNotificationWaitsInTheSpoolUntilTheNextFlush() throws Exception {
        Outbox outbox = webhookOutbox(200);
        Notification n = problem(T0);

        outbox.enqueue(n);

        assertThat(spoolFiles()).containsExactly(spoolDir().resolve(n.id() + ".webhook.json"));
        assertThat(webhook.bodies()).isEmpty();

        DeliveryReport flushed = outbox.flush();

        assertThat(flushed.delivered("webhook")).containsExactly(n.id());
        assertThat(webhook.bodies()).singleElement().asString().contains(n.id());
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void failedWebhookIsSpooledWhileMailIsDelivered() throws Exception {
        smtp = Fixtures.startSmtp(0);
        webhook = new WebhookServer();
        webhook.answer(500);
        Notification n = problem(T0);

        DeliveryReport report = outbox(clock, mailTo(smtp.getSmtp().getPort()),
                new WebhookChannel(webhook.url(), Duration.ofSeconds(5))).send(n);

        assertThat(report.delivered("mail")).containsExactly(n.id());
        assertThat(report.failures("webhook")).singleElement()
                .satisfies(f -> assertThat(f.failure()).contains("answered HTTP 500"));
        assertThat(spoolFiles()).containsExactly(spoolDir().resolve(n.id() + ".webhook.json"));
    }

    @Test
    void aWebhookThatNeverAnswersDoesNotHoldBackTheMail() throws Exception {
        smtp = Fixtures.startSmtp(0);
        webhook = new WebhookServer();
        webhook.hang();
        Outbox outbox = outbox(clock, new WebhookChannel(webhook.url(), Duration.ofSeconds(2)),
                mailTo(smtp.getSmtp().getPort()));

        long start = System.nanoTime();
        CompletableFuture<DeliveryReport> sending = CompletableFuture.supplyAsync(() -> outbox.send(problem(T0)));

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length > 0);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("mail arrived before the webhook gave up")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(sending).isNotDone();
        DeliveryReport report = sending.get();
        assertThat(report.delivered("mail")).hasSize(1);
        assertThat(report.failures("webhook")).singleElement()
                .satisfies(f -> assertThat(f.failure()).endsWith("did not answer within 2 s"));
    }

    @Test
    void backoffDecidesWhenAFailedDeliveryIsRetried() throws Exception {
        Outbox outbox = webhookOutbox(503);
        Notification n = problem(T0);

        outbox.send(n);
        assertThat(outbox.pending()).singleElement().satisfies(p -> {
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(p.nextAttempt()).isEqualTo(T0.plusSeconds(30));
            assertThat(p.lastError()).contains("HTTP 503");
        });

        clock.advance(Duration.ofSeconds(29));
        assertThat(outbox.flush().outcomes()).as("not due yet").isEmpty();
        assertThat(webhook.bodies()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.flush().failures()).hasSize(1);
        assertThat(webhook.bodies()).hasSize(2);
        assertThat(outbox.pending()).singleElement().satisfies(p -> {
            assertThat(p.attempts()).isEqualTo(2);
            assertThat(p.nextAttempt()).isEqualTo(T0.plusSeconds(30 + 60));
        });

        webhook.answer(200);
        clock.advance(Duration.ofSeconds(59));
        assertThat(outbox.flush().outcomes()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.flush().delivered("webhook")).containsExactly(n.id());
        assertThat(webhook.bodies()).hasSize(3);
        assertThat(outbox.pending()).isEmpty();
    }

    @Test
    void flushRetriesOldestFirst() throws Exception {
        Outbox outbox = webhookOutbox(500);
        Notification newer = problem(T0.plusSeconds(5));
        Notification older = problem(T0);
        outbox.send(newer);
        outbox.send(older);

        webhook.answer(200);
        DeliveryReport report = outbox.flush(true);

        assertThat(report.delivered("webhook")).containsExactly(older.id(), newer.id());
    }

    @Test
    void aChannelThatKeepsFailingIsNotTriedForTheRestOfAFlush() throws Exception {
        Outbox outbox = outbox(clock, new CommandChannel(List.of("/bin/false"), System.getenv(), Duration.ofSeconds(5)));
        for (int i = 0; i < 5; i++) {
            outbox.send(problem(T0.plusSeconds(i)));
        }

        DeliveryReport report = outbox.flush(true);

        assertThat(report.failures()).hasSize(5);
        assertThat(report.failures()).filteredOn(f -> f.failure().startsWith("not tried: command failed 3 times in a row"))
                .hasSize(2);
        assertThat(outbox.pending()).hasSize(5).allSatisfy(p -> assertThat(p.attempts()).isBetween(1, 2));
    }

    @Test
    void corruptSpoolFilesAreSetAsideAndTheRestIsDelivered() throws Exception {
        Outbox outbox = webhookOutbox(500);
        Notification n = problem(T0);
        outbox.send(n);
        Path garbage = spoolDir().resolve("x.webhook.json");
        Path incomplete = spoolDir().resolve("y.webhook.json");
        Files.writeString(garbage, "{not json");
        Files.writeString(incomplete, "{\"channel\":\"webhook\",\"attempts\":1}");

        webhook.answer(200);
        DeliveryReport report = outbox.flush(true);

        assertThat(report.delivered("webhook")).containsExactly(n.id());
        assertThat(report.spoolProblems()).hasSize(2).anySatisfy(p -> assertThat(p)
                .startsWith("spool file " + incomplete + " is corrupt (field 'next_attempt' is missing or not a string)")
                .endsWith("moved aside to " + incomplete + ".corrupt"));
        assertThat(garbage.resolveSibling("x.webhook.json.corrupt")).exists();
        assertThat(incomplete.resolveSibling("y.webhook.json.corrupt")).exists();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void entriesOfAChannelNoLongerConfiguredAreKept() throws Exception {
        Notification n = problem(T0);
        webhookOutbox(500).send(n);

        DeliveryReport report = outbox(clock).flush(true);

        assertThat(report.failures()).singleElement()
                .satisfies(f -> assertThat(f.failure()).isEqualTo("no channel named 'webhook' is configured"));
        assertThat(spoolFiles()).hasSize(1);
    }

    @Test
    void aSpoolDirectoryOthersCanReadIsMadeOwnerOnly() throws Exception {
        Files.createDirectories(spoolDir());
        Files.setPosixFilePermissions(spoolDir(), PosixFilePermissions.fromString("rwxr-xr-x"));

        outbox(clock, new CommandChannel(List.of("/bin/false"), System.getenv(), Duration.ofSeconds(5)))
                .send(problem(T0));

        assertThat(Files.getPosixFilePermissions(spoolDir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
}
