package org.smart.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.action.Rebooter;
import org.smart.action.Restarter;
import org.smart.check.ServiceChecker;
import org.smart.exec.ChildEnvironment;
import org.smart.exec.LocalCommandRunner;
import org.smart.feed.CheckResultFeed;
import org.smart.model.HostSettings;
import org.smart.model.ServiceSpec;
import org.smart.notify.Channel;
import org.smart.site.RemoteHosts;
import org.smart.site.Site;

/**
 * The parts of the daemon made from the configuration, made again on every reload.
 *
 * @param settings  the host settings they were made from
 * @param checker   checks a service of this machine
 * @param restarter restarts a service of this machine
 * @param channels  the notification channels configured (mail, webhook, command); may be empty
 * @param remote    the remote hosts, each checked and repaired through its own SSH connection
 * @param feed      where results go as passive check results (Nagios command file, Icinga API)
 * @param rebooter  runs REBOOT_COMMAND when a one-shot {@code --reboot} is handed to the daemon
 */
public record ServiceTools(HostSettings settings, ServiceChecker checker, Restarter restarter, List<Channel> channels,
                           RemoteHosts remote, CheckResultFeed feed, Rebooter rebooter) implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceTools.class);

    public ServiceTools {
        channels = List.copyOf(channels);
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(rebooter, "rebooter");
    }

    /** With REBOOT_COMMAND run as the configuration says, in the allow-listed environment. */
    public ServiceTools(HostSettings settings, ServiceChecker checker, Restarter restarter, List<Channel> channels,
                        RemoteHosts remote, CheckResultFeed feed) {
        this(settings, checker, restarter, channels, remote, feed, new Rebooter(settings.rebootCommand(), Path.of("/"),
                ChildEnvironment.ofCurrentProcess().variables(), new LocalCommandRunner()));
    }

    /** Tools for this machine only, feeding nothing. */
    public ServiceTools(HostSettings settings, ServiceChecker checker, Restarter restarter, List<Channel> channels) {
        this(settings, checker, restarter, channels, RemoteHosts.NONE, CheckResultFeed.none());
    }

    /** The site of a remote service, or null for a service of this machine. */
    Site remoteSite(ServiceSpec spec) {
        if (!spec.isRemote()) {
            return null;
        }
        return remote.site(spec.host()).orElseThrow(() ->
                new IllegalStateException(spec.name() + ": host " + spec.host() + " has no site"));
    }

    /** The restarter of the machine the service runs on. */
    Restarter restarterOf(ServiceSpec spec) {
        Site site = remoteSite(spec);
        return site == null ? restarter : site.restarter();
    }

    /** Closes the remote hosts' connections and drains the feed. */
    @Override
    public void close() {
        try {
            remote.close();
        } catch (RuntimeException e) {
            log.warn("closing the remote hosts' connections failed: {}", e.toString());
        }
        feed.close();
    }
}
