package org.smart.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.smart.feed.FeedConfig;

/**
 * A loaded configuration directory: the settings, the services that loaded cleanly and the problems
 * found on the way. A configuration with problems is still usable: bad lines are skipped and every
 * other service is monitored.
 *
 * @param hosts the remote hosts of smart.yml's {@code hosts:}; every remote service names one of them
 * @param feed  where results go as passive check results (Nagios command file, Icinga API); off by default
 */
public record Config(Path directory, HostSettings settings, List<ServiceSpec> services, List<ConfigProblem> problems,
                     List<RemoteHost> hosts, FeedConfig feed) {

    public Config {
        services = List.copyOf(services);
        problems = List.copyOf(problems);
        hosts = List.copyOf(hosts);
        java.util.Objects.requireNonNull(feed, "feed");
    }

    /** A configuration of this machine only, feeding nothing. */
    public Config(Path directory, HostSettings settings, List<ServiceSpec> services, List<ConfigProblem> problems) {
        this(directory, settings, services, problems, List.of(), FeedConfig.disabled(settings.hostname()));
    }

    /** This configuration with other settings (e.g. another state directory); everything else kept. */
    public Config withSettings(HostSettings other) {
        return new Config(directory, other, services, problems, hosts, feed);
    }

    public Optional<RemoteHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    public Path scriptsDir() {
        return directory.resolve("scripts");
    }

    public Path pluginsDir() {
        return directory.resolve("plugins");
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
