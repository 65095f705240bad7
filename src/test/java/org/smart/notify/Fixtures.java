package org.smart.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.smart.model.HostSettings;

/** Shared test data and real servers. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final List<String> RECIPIENTS = List.of("ops@example.org", "oncall@example.org");

    private Fixtures() {
    }

    static Notification problem(Instant at) {
        return Notification.builder(NotificationKind.PROBLEM, "web1", at)
                .service("apache")
                .subject("web1: apache is DOWN")
                .body("apache is not responding (status 4).\nRestarted: now OK.")
                .detail("status", "4")
                .detail("state", "DOWN")
                .detail("final state", "OK")
                .build();
    }

    static HostSettings mailSettings(int port, String user, Path passwordFile) {
        return mailSettings(port, user, passwordFile, false);
    }

    static HostSettings mailSettings(int port, String user, Path passwordFile, boolean startTls) {
        HostSettings d = HostSettings.defaults("web1");
        return new HostSettings("web1", RECIPIENTS, "smart@web1.example.org", "127.0.0.1", port, user, startTls,
                passwordFile, d.checkTimeout(), d.startTimeout(), d.stopTimeout(), d.rebootCommand(), d.checkHost(),
                d.stateDir(), d.servicePolicy(), d.webhookUrl(), d.webhookFormat(), d.notifyCommand(), d.notifyTimeout(),
                d.controlGroup());
    }

    /** A port on 127.0.0.1 nothing listens on (it was free a moment ago). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GreenMail startSmtp(int port) {
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }
}
