package org.smart.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Where SMART feeds its check results as passive results: a Nagios/Naemon/Icinga external command
 * file, Icinga 2's REST API, or both. Both are off by default.
 *
 * <h2>smart.yml keys</h2>
 * <pre>
 * feed:
 *   host_name: web01                  # host as Nagios/Icinga knows it; default: settings.hostname
 *   host_names:                       # per remote host override; default: its name under hosts:
 *     db1: db1.example.com
 *   service_names:                    # per-service override; default: the SMART service name
 *     apache: HTTP
 *     imapd: IMAP
 *   command_file:
 *     enabled: true                   # default true when the section is given
 *     path: /var/lib/nagios3/rw/nagios.cmd   # FIFO or regular file; never created by SMART
 *                                     # (Icinga 2: /var/run/icinga2/cmd/icinga2.cmd)
 *     queue: 1000                     # results kept while it cannot be written; oldest dropped first
 *     drain_timeout: 5s               # how long shutdown waits for queued results
 *     retry_initial: 1s               # first delay before reopening after an error, doubling ...
 *     retry_max: 60s                  # ... up to this
 *   icinga_api:
 *     enabled: true                   # default true when the section is given
 *     url: https://icinga.example.com:5665   # https only; host must match the API certificate
 *     ca_file: /etc/smart/icinga-ca.crt      # PEM of Icinga's CA (/var/lib/icinga2/certs/ca.crt)
 *     credentials_file: /etc/smart/icinga-api.cred   # chmod 600; "user=" and "password=" lines.
 *                                     # Without it: SMART_ICINGA_USER / SMART_ICINGA_PASSWORD
 *     check_source: web01             # default: feed.host_name
 *     queue: 1000
 *     timeout: 10s                    # connect and request limit
 *     drain_timeout: 5s
 *     retry_initial: 1s
 *     retry_max: 60s
 * </pre>
 * Names are checked at load time ({@link #problems}): no {@code ;}, no control characters, no
 * leading or trailing white space (see {@link NameValidator}).
 *
 * @param names       the Nagios/Icinga names to use
 * @param commandFile the external command file feed
 * @param icingaApi   the Icinga 2 API feed
 */
public record FeedConfig(FeedNames names, CommandFileFeedConfig commandFile, IcingaApiFeedConfig icingaApi) {

    public FeedConfig {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(commandFile, "commandFile");
        Objects.requireNonNull(icingaApi, "icingaApi");
    }

    /** No feed at all: what an smart.yml without {@code feed:} gives. */
    public static FeedConfig disabled(String smartHostname) {
        return new FeedConfig(FeedNames.defaults(smartHostname), CommandFileFeedConfig.disabled(),
                IcingaApiFeedConfig.disabled());
    }

    public boolean anyEnabled() {
        return commandFile.enabled() || icingaApi.enabled();
    }

    /**
     * Every problem, each message starting with the key at fault; empty when the configuration is
     * usable.
     *
     * @param smartServices the names of the configured SMART services
     */
    public List<String> problems(Collection<String> smartServices) {
        return problems(smartServices, List.of());
    }

    /**
     * Every problem, each message starting with the key at fault; empty when the configuration is
     * usable.
     *
     * @param smartServices the names of the configured SMART services
     * @param remoteHosts   the names of the configured remote hosts
     */
    public List<String> problems(Collection<String> smartServices, Collection<String> remoteHosts) {
        List<String> problems = new ArrayList<>();
        if (anyEnabled()) {
            problems.addAll(names.problems(smartServices, remoteHosts));
        }
        problems.addAll(commandFile.problems());
        problems.addAll(icingaApi.problems());
        return problems;
    }
}
