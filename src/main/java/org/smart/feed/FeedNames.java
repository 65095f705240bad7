package org.smart.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How SMART's names map to the names Nagios/Icinga knows: the host is SMART's HOSTNAME unless
 * {@code feed.host_name} says otherwise, and each service keeps its SMART name unless
 * {@code feed.service_names} maps it to another.
 *
 * @param hostName     the host name as Nagios/Icinga knows it
 * @param serviceNames SMART service name to Nagios service description, for the services that differ
 */
public record FeedNames(String hostName, Map<String, String> serviceNames) {

    public FeedNames {
        Objects.requireNonNull(hostName, "hostName");
        serviceNames = Map.copyOf(serviceNames);
    }

    /** SMART's own names throughout. */
    public static FeedNames defaults(String smartHostname) {
        return new FeedNames(smartHostname, Map.of());
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
        List<String> problems = new ArrayList<>();
        NameValidator.problem("host name", hostName).ifPresent(p -> problems.add("feed.host_name: " + p));
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
