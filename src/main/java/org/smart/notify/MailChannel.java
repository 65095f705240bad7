package org.smart.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.function.Function;
import org.smart.model.HostSettings;

/**
 * Sends each notification as one plain-text e-mail over SMTP to MAIL_TO. Connect, read and write
 * timeouts bound every step, so a black-holed server costs one timeout, not a stalled run. With
 * SMTP_USER set it authenticates with the password from {@link SmtpPassword}; with STARTTLS set the
 * connection must be upgraded to TLS with a verified server certificate, or nothing is sent.
 */
public final class MailChannel implements Channel {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HostSettings settings;
    private final Function<String, String> env;
    private final Duration timeout;

    /**
     * @param settings mail settings from host.conf
     * @param env      SMART's environment (e.g. {@code System::getenv}), asked for the SMTP password
     * @param timeout  connect, read and write timeout for the SMTP conversation
     */
    public MailChannel(HostSettings settings, Function<String, String> env, Duration timeout) {
        this.settings = settings;
        this.env = env;
        this.timeout = timeout;
    }

    public MailChannel(HostSettings settings, Function<String, String> env) {
        this(settings, env, DEFAULT_TIMEOUT);
    }

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public void deliver(Notification n) throws DeliveryException {
        if (settings.mailTo().isEmpty()) {
            throw new DeliveryException("no recipients: MAIL_TO is empty");
        }
        Session session = Session.getInstance(sessionProperties());
        MimeMessage message = compose(session, n);
        String user = settings.smtpUser().isEmpty() ? null : settings.smtpUser();
        String password = user == null ? null : SmtpPassword.lookup(env, settings.smtpPasswordFile());
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(settings.smtpHost(), settings.smtpPort(), user, password);
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP server " + settings.smtpHost() + ":" + settings.smtpPort()
                    + ": " + Texts.causes(e), e);
        }
    }

    private Properties sessionProperties() {
        String millis = Long.toString(timeout.toMillis());
        Properties p = new Properties();
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        // Without this the EHLO name comes from a reverse DNS lookup, which can hang on a broken resolver.
        if (settings.hostname() != null && !settings.hostname().isBlank()) {
            p.setProperty("mail.smtp.localhost", settings.hostname());
        }
        p.setProperty("mail.smtp.auth", Boolean.toString(!settings.smtpUser().isEmpty()));
        if (settings.smtpStartTls()) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    private MimeMessage compose(Session session, Notification n) throws DeliveryException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(address("MAIL_FROM", settings.mailFrom()));
            for (String to : settings.mailTo()) {
                message.addRecipient(Message.RecipientType.TO, address("MAIL_TO", to));
            }
            message.setSubject(n.subject(), StandardCharsets.UTF_8.name());
            message.setText(n.body(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(n.createdAt()));
            message.setHeader("X-SMART-Notification-Id", n.id());
            return message;
        } catch (MessagingException e) {
            throw new DeliveryException("cannot compose the message: " + Texts.causes(e), e);
        }
    }

    private static InternetAddress address(String key, String value) throws DeliveryException {
        try {
            return new InternetAddress(value, true);
        } catch (AddressException e) {
            throw new DeliveryException(key + " address '" + value + "' is not valid: " + e.getMessage(), e);
        }
    }
}
