package org.smart.site;

import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.feed.CheckResultFeed;
import org.smart.notify.Notification;

/**
 * The connection as the host's own check, for the daemon: told of each change of a host's SSH connection
 * (connect, loss, reconnect), it sends one notification when the host goes DOWN and one when it comes back
 * (none for the first successful connect), feeds each change to Nagios/Icinga as a host result, and has the
 * host's services checked at once when it goes DOWN or comes back, so they turn UNREACHABLE, or leave it,
 * without waiting for their interval.
 */
public final class HostWatch implements Consumer<HostChange> {

    private static final Logger log = LoggerFactory.getLogger(HostWatch.class);

    private final String agent;
    private final Consumer<Notification> notifications;
    private final CheckResultFeed feed;
    private final Consumer<String> recheck;
    private final Clock clock;

    /**
     * @param agent         the host SMART runs on (HOSTNAME), for the notifications
     * @param notifications where notifications go
     * @param recheck       checks the services of the named host now
     */
    public HostWatch(String agent, Consumer<Notification> notifications, CheckResultFeed feed, Consumer<String> recheck,
                     Clock clock) {
        this.agent = agent;
        this.notifications = notifications;
        this.feed = feed;
        this.recheck = recheck;
        this.clock = clock;
    }

    @Override
    public void accept(HostChange change) {
        feed.host(change.host(), change.up(), change.reason(), change.since());
        if (!change.up()) {
            log.warn("host {}: DOWN, its services are UNREACHABLE: {}", change.host(), change.reason());
            notifications.accept(HostNotifications.down(agent, change.host(), change.reason(), clock.instant()));
        } else if (change.recovered()) {
            log.info("host {}: UP again after being DOWN since {}", change.host(), change.downSince());
            notifications.accept(HostNotifications.up(agent, change.host(), change.downSince(), clock.instant()));
        }
        if (!change.up() || change.recovered()) {
            recheck.accept(change.host());
        }
    }
}
