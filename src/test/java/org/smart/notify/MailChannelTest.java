package org.smart.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smart.notify.Fixtures.RECIPIENTS;
import static org.smart.notify.Fixtures.T0;
import static org.smart.notify.Fixtures.mailSettings;
import static org.smart.notify.Fixtures.problem;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MailChannelTest {

    @RegisterExtension
    final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("smart@web1.example.org", "smart", "s3cret pass"))
            .withPerMethodLifecycle(true);

    @TempDir
    Path dir;

    private static final Function<String, String> NO_ENV = name -> null;

    private int port() {
        return smtp.getSmtp().getPort();
    }

    @Test
    void sendsOneMessageWithSubjectRecipientsAndBody() throws Exception {
        Notification n = problem(T0);

        new MailChannel(mailSettings(port(), "", null), NO_ENV).deliver(n);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2); // one message, one copy per recipient mailbox
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("web1: apache is DOWN");
        assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactlyElementsOf(RECIPIENTS);
        assertThat(message.getFrom()[0].toString()).isEqualTo("smart@web1.example.org");
        assertThat(GreenMailUtil.getBody(message).replace("\r\n", "\n")).isEqualTo(n.body());
        assertThat(message.getHeader("X-SMART-Notification-Id")).containsExactly(n.id());
    }

    @Test
    void authenticatesWithThePasswordFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("SMART_SMTP_PASSWORD", "s3cret pass");

        new MailChannel(mailSettings(port(), "smart", null), env::get).deliver(problem(T0));

        assertThat(smtp.getReceivedMessages()).isNotEmpty();
    }

    @Test
    void authenticatesWithThePasswordFromAnOwnerOnlyFile() throws Exception {
        Path file = passwordFile("s3cret pass\n", "rw-------");

        new MailChannel(mailSettings(port(), "smart", file), NO_ENV).deliver(problem(T0));

        assertThat(smtp.getReceivedMessages()).isNotEmpty();
    }

    @Test
    void wrongPasswordIsAFailureThatDoesNotRevealThePassword() throws Exception {
        Path file = passwordFile("wrong-password", "rw-------");
        MailChannel mail = new MailChannel(mailSettings(port(), "smart", file), NO_ENV);

        assertThatThrownBy(() -> mail.deliver(problem(T0)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageStartingWith("SMTP server 127.0.0.1:" + port())
                .hasMessageNotContaining("wrong-password");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void refusesAPasswordFileOthersCanRead() throws Exception {
        Path file = passwordFile("s3cret pass", "rw-r--r--");
        MailChannel mail = new MailChannel(mailSettings(port(), "smart", file), NO_ENV);

        assertThatThrownBy(() -> mail.deliver(problem(T0)))
                .hasMessage("refusing SMTP_PASSWORD_FILE '" + file + "': others may read or change it (mode rw-r--r--);"
                        + " make it owner-only with chmod 600");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void userWithoutAnyPasswordIsAClearFailure() {
        MailChannel mail = new MailChannel(mailSettings(port(), "smart", null), NO_ENV);

        assertThatThrownBy(() -> mail.deliver(problem(T0)))
                .hasMessageContaining("SMTP_USER is set but there is no password");
    }

    @Test
    void requiredStartTlsNeverFallsBackToPlainText() {
        // GreenMail's test server has no certificate a client could verify, so TLS cannot be set up.
        MailChannel mail = new MailChannel(mailSettings(port(), "", null, true), NO_ENV);

        assertThatThrownBy(() -> mail.deliver(problem(T0)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageStartingWith("SMTP server 127.0.0.1:" + port());
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersCostsOneTimeout() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            MailChannel mail = new MailChannel(mailSettings(blackHole.getLocalPort(), "", null), NO_ENV,
                    Duration.ofSeconds(1));
            long start = System.nanoTime();

            assertThatThrownBy(() -> mail.deliver(problem(T0)))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    private Path passwordFile(String content, String mode) throws IOException {
        Path file = dir.resolve("smtp-password");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
