package org.smart.feed;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the Icinga 2 API feed ({@code feed.icinga_api} in smart.yml; keys in {@link FeedConfig}).
 *
 * @param enabled         whether results are sent to the API
 * @param url             the API's base URL, e.g. {@code https://icinga.example.com:5665}; must be
 *                        https, and its host must match the API certificate's name
 * @param caFile          PEM file of the CA that signed the API certificate (Icinga's
 *                        {@code /var/lib/icinga2/certs/ca.crt}); the only certificates trusted
 * @param credentialsFile owner-only file with {@code user=} and {@code password=} lines, or null to
 *                        take {@code SMART_ICINGA_USER} / {@code SMART_ICINGA_PASSWORD} from the environment
 * @param checkSource     sent as {@code check_source}; null means the Nagios host name
 * @param queueCapacity   results kept while the API is down; the oldest go first
 * @param requestTimeout  limit for connecting and for each request
 * @param drainTimeout    how long shutdown waits for queued results to be sent
 * @param retry           delays between attempts after a failure (connection refused, 5xx, timeout)
 */
public record IcingaApiFeedConfig(
        boolean enabled,
        URI url,
        Path caFile,
        Path credentialsFile,
        String checkSource,
        int queueCapacity,
        Duration requestTimeout,
        Duration drainTimeout,
        RetryPolicy retry) {

    public static final int DEFAULT_QUEUE = 1000;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);

    public IcingaApiFeedConfig {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    public static IcingaApiFeedConfig disabled() {
        return new IcingaApiFeedConfig(false, null, null, null, null, DEFAULT_QUEUE,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_DRAIN, RetryPolicy.DEFAULT);
    }

    public static IcingaApiFeedConfig of(URI url, Path caFile, Path credentialsFile) {
        return new IcingaApiFeedConfig(true, url, caFile, credentialsFile, null, DEFAULT_QUEUE,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_DRAIN, RetryPolicy.DEFAULT);
    }

    /** What is wrong, each message naming its key; empty when fine or disabled. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!enabled) {
            return problems;
        }
        if (url == null) {
            problems.add("feed.icinga_api.url: missing (e.g. https://icinga.example.com:5665)");
        } else if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            problems.add("feed.icinga_api.url: '" + url + "' must be an https:// URL with a host name"
                    + " (the API password must not travel in the clear)");
        }
        if (caFile == null) {
            problems.add("feed.icinga_api.ca_file: missing (the PEM file of Icinga's CA, e.g. /var/lib/icinga2/certs/ca.crt)");
        } else if (!caFile.isAbsolute()) {
            problems.add("feed.icinga_api.ca_file: '" + caFile + "' must be an absolute path");
        }
        if (credentialsFile != null && !credentialsFile.isAbsolute()) {
            problems.add("feed.icinga_api.credentials_file: '" + credentialsFile + "' must be an absolute path");
        }
        if (queueCapacity < 1) {
            problems.add("feed.icinga_api.queue: must be at least 1, not " + queueCapacity);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            problems.add("feed.icinga_api.timeout: must be positive, not " + requestTimeout);
        }
        if (drainTimeout.isNegative()) {
            problems.add("feed.icinga_api.drain_timeout: must not be negative, not " + drainTimeout);
        }
        return problems;
    }
}
