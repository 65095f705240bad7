package org.smart.daemon;

import java.util.List;
import org.smart.action.Restarter;
import org.smart.check.ServiceChecker;
import org.smart.model.HostSettings;
import org.smart.notify.Channel;

/**
 * The parts of the daemon made from the configuration, made again on every reload.
 *
 * @param settings  the host settings they were made from
 * @param checker   checks a service
 * @param restarter restarts a service
 * @param channels  the notification channels configured (mail, webhook, command); may be empty
 */
public record ServiceTools(HostSettings settings, ServiceChecker checker, Restarter restarter, List<Channel> channels) {

    public ServiceTools {
        channels = List.copyOf(channels);
    }
}
