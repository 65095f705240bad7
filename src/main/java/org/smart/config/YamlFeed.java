package org.smart.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.smart.feed.CommandFileFeedConfig;
import org.smart.feed.FeedConfig;
import org.smart.feed.FeedNames;
import org.smart.feed.IcingaApiFeedConfig;
import org.smart.feed.RetryPolicy;

/**
 * The {@code feed:} section of smart.yml: where results go as passive check results (keys in {@link FeedConfig}).
 * A sub-section that is given is enabled unless it says {@code enabled: false}. Relative paths are taken from
 * the configuration directory.
 */
final class YamlFeed {

    /**
     * @param hostName     the Nagios/Icinga name of the host SMART runs on (default: settings.hostname)
     * @param serviceNames SMART service name to Nagios service description
     * @param hostNames    SMART remote host name to Nagios host name
     * @param commandFile  the external command file feed
     * @param icingaApi    the Icinga 2 API feed
     */
    record Entry(String hostName, Map<String, String> serviceNames, Map<String, String> hostNames,
                 CommandFile commandFile, IcingaApi icingaApi) {
    }

    record CommandFile(String enabled, String path, String queue, String drainTimeout, String retryInitial,
                       String retryMax) {
    }

    record IcingaApi(String enabled, String url, String caFile, String credentialsFile, String checkSource,
                     String queue, String timeout, String drainTimeout, String retryInitial, String retryMax) {
    }

    private static final String AT = "feed";
    private static final Pattern SECONDS = Pattern.compile("(\\d{1,9}(\\.\\d{1,9})?)s?");

    private YamlFeed() {
    }

    /**
     * The feed configuration, or empty (after recording why) when a key is bad. Its Nagios host name is empty
     * when {@code host_name} is not given: SMART's host name is not known before host.conf is read.
     */
    static Optional<FeedConfig> toFeed(Entry entry, Path configDir, FieldCheck check) {
        Map<String, String> serviceNames = names(entry.serviceNames(), AT + ".service_names", check);
        Map<String, String> hostNames = names(entry.hostNames(), AT + ".host_names", check);
        FeedNames names = new FeedNames(entry.hostName() == null ? "" : entry.hostName(),
                serviceNames, hostNames);
        CommandFileFeedConfig commandFile = entry.commandFile() == null ? CommandFileFeedConfig.disabled()
                : commandFile(entry.commandFile(), configDir, check);
        IcingaApiFeedConfig icingaApi = entry.icingaApi() == null ? IcingaApiFeedConfig.disabled()
                : icingaApi(entry.icingaApi(), configDir, check);
        if (check.failed()) {
            return Optional.empty();
        }
        return Optional.of(new FeedConfig(names, commandFile, icingaApi));
    }

    private static CommandFileFeedConfig commandFile(CommandFile c, Path dir, FieldCheck check) {
        String at = AT + ".command_file";
        CommandFileFeedConfig d = CommandFileFeedConfig.disabled();
        Boolean enabled = check.get(at + ".enabled", () -> c.enabled() == null || Values.flag(c.enabled()));
        Path path = check.get(at + ".path", () -> Values.path(c.path(), dir));
        Integer queue = check.get(at + ".queue", () -> c.queue() == null ? d.queueCapacity() : Values.wholeNumber(c.queue()));
        Duration drain = check.get(at + ".drain_timeout", () -> seconds(c.drainTimeout(), d.drainTimeout()));
        RetryPolicy retry = retry(at, c.retryInitial(), c.retryMax(), check);
        return check.failed() ? d : new CommandFileFeedConfig(enabled, path, queue, drain, retry);
    }

    private static IcingaApiFeedConfig icingaApi(IcingaApi c, Path dir, FieldCheck check) {
        String at = AT + ".icinga_api";
        IcingaApiFeedConfig d = IcingaApiFeedConfig.disabled();
        Boolean enabled = check.get(at + ".enabled", () -> c.enabled() == null || Values.flag(c.enabled()));
        URI url = check.get(at + ".url", () -> url(c.url()));
        Path ca = check.get(at + ".ca_file", () -> Values.optionalPath(c.caFile(), dir));
        Path credentials = check.get(at + ".credentials_file", () -> Values.optionalPath(c.credentialsFile(), dir));
        Integer queue = check.get(at + ".queue", () -> c.queue() == null ? d.queueCapacity() : Values.wholeNumber(c.queue()));
        Duration timeout = check.get(at + ".timeout", () -> seconds(c.timeout(), d.requestTimeout()));
        Duration drain = check.get(at + ".drain_timeout", () -> seconds(c.drainTimeout(), d.drainTimeout()));
        RetryPolicy retry = retry(at, c.retryInitial(), c.retryMax(), check);
        return check.failed() ? d
                : new IcingaApiFeedConfig(enabled, url, ca, credentials, c.checkSource(), queue, timeout, drain, retry);
    }

    private static RetryPolicy retry(String at, String initialText, String maxText, FieldCheck check) {
        Duration initial = check.get(at + ".retry_initial", () -> seconds(initialText, RetryPolicy.DEFAULT.initial()));
        Duration max = check.get(at + ".retry_max", () -> seconds(maxText, RetryPolicy.DEFAULT.max()));
        if (initial == null || max == null) {
            return RetryPolicy.DEFAULT;
        }
        return check.get(at + ".retry_max", () -> {
            if (initial.isZero() || max.compareTo(initial) < 0) {
                throw new BadValueException("retry_initial must be positive and retry_max at least as long");
            }
            return new RetryPolicy(initial, max);
        });
    }

    /** Seconds, 0 or more, written {@code 5}, {@code 2.5} or {@code 5s}. */
    private static Duration seconds(String text, Duration dflt) throws BadValueException {
        if (text == null) {
            return dflt;
        }
        var m = SECONDS.matcher(text);
        if (!m.matches()) {
            throw new BadValueException("'" + text + "' is not a number of seconds (like 5, 2.5 or 5s)");
        }
        return Duration.ofNanos(new BigDecimal(m.group(1)).movePointRight(9).longValue());
    }

    private static URI url(String text) throws BadValueException {
        if (text == null) {
            return null;
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new BadValueException("'" + text + "' is not a URL: " + e.getReason());
        }
    }

    /** A name mapping; an entry without a name is a problem at its key. */
    private static Map<String, String> names(Map<String, String> names, String at, FieldCheck check) {
        if (names == null) {
            return Map.of();
        }
        Map<String, String> kept = new java.util.LinkedHashMap<>();
        names.forEach((smart, nagios) -> {
            if (nagios == null || nagios.isEmpty()) {
                check.fail(at + "." + smart, "give the name to send for '" + smart + "'");
            } else {
                kept.put(smart, nagios);
            }
        });
        return kept;
    }
}
