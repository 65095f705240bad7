package org.smart.remote;

import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.feed.CheckResultFeed;
import org.smart.notify.Notification;
import org.smart.site.HostNotifications;
import org.smart.ssh.HostState;
import org.smart.ssh.HostState.Availability;
import org.smart.ssh.HostStateListener;
import org.smart.ssh.RemoteHostSpec;

/**
 * The connection as the host's own check, for the daemon: told of each change of a host's SSH connection
 * (connect, loss, reconnect), it sends one notification when the host goes DOWN and one when it comes back
 * (none for the first successful connect), and feeds each change to Nagios/Icinga as a host result.
 */
public final class HostWatch implements HostStateListener {

    private static final Logger log = LoggerFactory.getLogger(HostWatch.class);

    private final String agent;
    private final Consumer<Notification> notifications;
    private final CheckResultFeed feed;
    private final Clock clock;

    /**
     * @param agent         the host SMART runs on (HOSTNAME), for the notifications
     * @param notifications where notifications go
     */
    public HostWatch(String agent, Consumer<Notification> notifications, CheckResultFeed feed, Clock clock) {
        this.agent = agent;
        this.notifications = notifications;
        this.feed = feed;
        this.clock = clock;
    }

    @Override
    public void availabilityChanged(RemoteHostSpec host, HostState previous, HostState current) {
        feed.host(host.name(), current.isUp(), current.reason(), current.since());
        if (current.availability() == Availability.DOWN) {
            log.warn("host {}: DOWN, its services are UNREACHABLE: {}", host.name(), current.reason());
            notifications.accept(HostNotifications.down(agent, host.name(), current.reason(), clock.instant()));
        } else if (current.isUp() && previous.availability() == Availability.DOWN) {
            log.info("host {}: UP again after being DOWN since {}", host.name(), previous.since());
            notifications.accept(HostNotifications.up(agent, host.name(), previous.since(), clock.instant()));
        }
    }
}
