package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedConfigTest {

    private static final List<String> SERVICES = List.of("apache", "imapd", "disk space");

    @Test
    void disabledFeedHasNoProblemsAndNoSinks() throws Exception {
        FeedConfig config = FeedConfig.disabled("web01");
        assertThat(config.anyEnabled()).isFalse();
        assertThat(config.problems(List.of("bad;name"))).isEmpty();
        try (Feeds feeds = Feeds.start(config, Map.of())) {
            assertThat(feeds.isEmpty()).isTrue();
        }
    }

    @Test
    void namesDefaultToSmartsAndCanBeOverridden() {
        FeedNames names = new FeedNames("web01.example.com", Map.of("apache", "HTTP"));
        assertThat(names.serviceName("apache")).isEqualTo("HTTP");
        assertThat(names.serviceName("disk space")).isEqualTo("disk space");
        assertThat(FeedNames.defaults("web01").hostName()).isEqualTo("web01");
    }

    @Test
    void reportsEveryProblemWithItsKey() {
        FeedConfig config = new FeedConfig(
                new FeedNames("web01 ", Map.of("apache", "HTTP;80", "nosuch", "X")),
                new CommandFileFeedConfig(true, Path.of("nagios.cmd"), 0, Duration.ofSeconds(5), RetryPolicy.DEFAULT),
                new IcingaApiFeedConfig(true, URI.create("http://icinga:5665"), Path.of("ca.crt"), Path.of("cred"), null,
                        10, Duration.ZERO, Duration.ofSeconds(5), RetryPolicy.DEFAULT));

        assertThat(config.problems(SERVICES)).containsExactlyInAnyOrder(
                "feed.host_name: host name 'web01 ' starts or ends with white space, which Nagios strips from object names",
                "feed.service_names: 'nosuch' is not a configured service",
                "feed.service_names.apache: service name 'HTTP;80' contains ';', the field separator of Nagios external commands",
                "feed.command_file.path: 'nagios.cmd' must be an absolute path",
                "feed.command_file.queue: must be at least 1, not 0",
                "feed.icinga_api.url: 'http://icinga:5665' must be an https:// URL with a host name (the API password must not travel in the clear)",
                "feed.icinga_api.ca_file: 'ca.crt' must be an absolute path",
                "feed.icinga_api.credentials_file: 'cred' must be an absolute path",
                "feed.icinga_api.timeout: must be positive, not PT0S");
    }

    @Test
    void goodConfigurationHasNoProblems() {
        FeedConfig config = new FeedConfig(new FeedNames("web01", Map.of("apache", "HTTP")),
                CommandFileFeedConfig.of(Path.of("/var/lib/nagios3/rw/nagios.cmd")),
                IcingaApiFeedConfig.of(URI.create("https://icinga.example.com:5665"),
                        Path.of("/etc/smart/icinga-ca.crt"), null));
        assertThat(config.problems(SERVICES)).isEmpty();
    }

    @Test
    void missingApiSettingsAreNamed() {
        IcingaApiFeedConfig api = new IcingaApiFeedConfig(true, null, null, null, null, 10,
                Duration.ofSeconds(1), Duration.ofSeconds(1), RetryPolicy.DEFAULT);
        assertThat(api.problems()).containsExactly(
                "feed.icinga_api.url: missing (e.g. https://icinga.example.com:5665)",
                "feed.icinga_api.ca_file: missing (the PEM file of Icinga's CA, e.g. /var/lib/icinga2/certs/ca.crt)");
    }
}
