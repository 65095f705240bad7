package org.smart.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How SMART's names map to the names Nagios/Icinga knows: the host is SMART's HOSTNAME unless
 * {@code feed.host_name} says otherwise, a remote host keeps its name in smart.yml's {@code hosts:} unless
 * {@code feed.host_names} maps it to another, and each service keeps its SMART name unless
 * {@code feed.service_names} maps it to another.
 *
 * @param hostName     the name of the host SMART runs on, as Nagios/Icinga knows it
 * @param serviceNames SMART service name to Nagios service description, for the services that differ
 * @param hostNames    SMART remote host name to Nagios host name, for the hosts that differ
 */
public record FeedNames(String hostName, Map<String, String> serviceNames, Map<String, String> hostNames) {

    public FeedNames {
        Objects.requireNonNull(hostName, "hostName");
        serviceNames = Map.copyOf(serviceNames);
        hostNames = Map.copyOf(hostNames);
    }

    /** Names for a SMART without remote hosts. */
    public FeedNames(String hostName, Map<String, String> serviceNames) {
        this(hostName, serviceNames, Map.of());
    }

    /** SMART's own names throughout. */
    public static FeedNames defaults(String smartHostname) {
        return new FeedNames(smartHostname, Map.of());
    }

    /**
     * The Nagios host name for a service's host.
     *
     * @param remoteHost the remote host's name in SMART, or null for the host SMART runs on
     */
    public String hostName(String remoteHost) {
        return remoteHost == null ? hostName : hostNames.getOrDefault(remoteHost, remoteHost);
    }

    /** The Nagios service description for a SMART service. */
    public String serviceName(String smartService) {
        return serviceNames.getOrDefault(smartService, smartService);
    }

    /**
     * What is wrong with the names that would be sent, each message naming its key.
     *
     * @param smartServices the names of the configured SMART services
     */
    public List<String> problems(Collection<String> smartServices) {
        return problems(smartServices, List.of());
    }

    /**
     * What is wrong with the names that would be sent, each message naming its key.
     *
     * @param smartServices the names of the configured SMART services
     * @param remoteHosts   the names of the configured remote hosts
     */
    public List<String> problems(Collection<String> smartServices, Collection<String> remoteHosts) {
        List<String> problems = new ArrayList<>();
        NameValidator.problem("host name", hostName).ifPresent(p -> problems.add("feed.host_name: " + p));
        hostNames.forEach((smart, nagios) -> {
            if (!remoteHosts.contains(smart)) {
                problems.add("feed.host_names: '" + NameValidator.visible(smart) + "' is not a configured host");
            }
        });
        for (String smart : remoteHosts) {
            String key = hostNames.containsKey(smart) ? "feed.host_names." + smart
                    : "host '" + NameValidator.visible(smart) + "' (sent under its own name)";
            NameValidator.problem("host name", hostName(smart)).ifPresent(p -> problems.add(key + ": " + p));
        }
        serviceNames.forEach((smart, nagios) -> {
            if (!smartServices.contains(smart)) {
                problems.add("feed.service_names: '" + NameValidator.visible(smart) + "' is not a configured service");
            }
        });
        for (String smart : smartServices) {
            String key = serviceNames.containsKey(smart)
                    ? "feed.service_names." + smart
                    : "service '" + NameValidator.visible(smart) + "' (sent under its own name)";
            NameValidator.problem("service name", serviceName(smart)).ifPresent(p -> problems.add(key + ": " + p));
        }
        return problems;
    }
}
