package org.smart.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.smart.feed.FeedConfig;
import org.smart.feed.FeedNames;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;
import org.smart.model.RemoteHost;

/**
 * What smart.yml says beyond this machine: the remote hosts of {@code hosts:} and the {@code feed:} section.
 *
 * @param hosts      the hosts that loaded cleanly
 * @param feed       the feed as written, or null when smart.yml has no (usable) {@code feed:}
 * @param feedOrigin where {@code feed:} stands, for problems found once every service is known
 */
record RemoteSection(List<RemoteHost> hosts, FeedConfig feed, Origin feedOrigin) {

    static final RemoteSection NONE = new RemoteSection(List.of(), null, null);

    RemoteSection {
        hosts = List.copyOf(hosts);
    }

    /**
     * The feed to use: as written, its Nagios host name defaulting to SMART's host name; off when smart.yml has
     * none, or when it has problems (recorded in {@code problems}, each naming its key).
     */
    FeedConfig resolvedFeed(String smartHostname, Collection<String> services, List<ConfigProblem> problems) {
        if (feed == null) {
            return FeedConfig.disabled(smartHostname);
        }
        FeedNames names = feed.names();
        FeedConfig resolved = names.hostName().isEmpty()
                ? new FeedConfig(new FeedNames(smartHostname, names.serviceNames(), names.hostNames()),
                        feed.commandFile(), feed.icingaApi())
                : feed;
        List<String> found = resolved.problems(services, hosts.stream().map(RemoteHost::name).toList());
        if (found.isEmpty()) {
            return resolved;
        }
        List<ConfigProblem> located = new ArrayList<>();
        for (String problem : found) {
            int colon = problem.indexOf(": ");
            located.add(new ConfigProblem(feedOrigin, problem.substring(0, colon),
                    problem.substring(colon + 2) + "; the feed is off until this is fixed"));
        }
        problems.addAll(located);
        return FeedConfig.disabled(smartHostname);
    }
}
