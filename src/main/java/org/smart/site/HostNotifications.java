package org.smart.site;

import java.time.Instant;
import org.smart.notify.Notification;
import org.smart.notify.NotificationKind;

/**
 * The notifications about a remote host's SSH connection: one when it goes DOWN (its services are then
 * UNREACHABLE and get none of their own), one when it is UP again.
 */
public final class HostNotifications {

    private HostNotifications() {
    }

    /**
     * @param agent  the host SMART runs on (HOSTNAME)
     * @param host   the remote host's name
     * @param reason why its connection is DOWN
     */
    public static Notification down(String agent, String host, String reason, Instant at) {
        String subject = "[SMART] " + agent + ": host " + host + " DOWN, its services are UNREACHABLE";
        String body = "SMART on " + agent + " cannot reach host " + host + " over SSH: " + reason + "\n\n"
                + "Its services are not checked and nothing is done to them; they are reported as UNREACHABLE"
                + " until the connection works again.\n";
        return Notification.builder(NotificationKind.HOST_DOWN, host, at).subject(subject).body(body)
                .detail("host", host).detail("state", "DOWN").detail("reason", reason).build();
    }

    /** @param downSince when the host went DOWN */
    public static Notification up(String agent, String host, Instant downSince, Instant at) {
        String subject = "[SMART] " + agent + ": host " + host + " UP again";
        String body = "SMART on " + agent + " reaches host " + host + " over SSH again (it was DOWN since "
                + downSince + "). Its services are checked again.\n";
        return Notification.builder(NotificationKind.HOST_UP, host, at).subject(subject).body(body)
                .detail("host", host).detail("state", "UP").detail("down_since", downSince.toString()).build();
    }
}
