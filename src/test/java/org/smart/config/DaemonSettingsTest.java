package org.smart.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smart.model.Config;
import org.smart.model.WebhookFormat;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.policy.RecoverMode;
import org.smart.state.FlappingThresholds;
import org.smart.state.RestartLimit;

/** The daemon's keys: host.conf defaults, smart.yml settings and per-service overrides, dependencies. */
class DaemonSettingsTest {

    @TempDir
    Path temp;
    ConfigDir conf;

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(temp);
    }

    private Config load() {
        return conf.load();
    }

    @Test
    void anEmptyHostConfGivesTheOriginalsBehaviourCheckedEveryMinute() {
        conf.write("services.conf", "cron;cron;;1;1;;;;0;");

        ServicePolicy policy = load().services().get(0).policy();

        assertThat(policy).isEqualTo(ServicePolicy.DEFAULT);
        assertThat(policy.interval()).hasSeconds(60);
        assertThat(policy.effectiveRetryInterval()).hasSeconds(60);
        assertThat(policy.maxCheckAttempts()).isEqualTo(1);
        assertThat(policy.recover()).isEqualTo(RecoverMode.D);
        assertThat(policy.flappingEnabled()).isTrue();
        assertThat(policy.flapping()).isEqualTo(new FlappingThresholds(25, 30));
        assertThat(policy.restartLimit()).isEqualTo(new RestartLimit(3, 5));
        assertThat(policy.renotifyInterval()).isZero();
        assertThat(load().settings().stateDir()).isEqualTo(Path.of("/var/lib/smart"));
    }

    @Test
    void hostConfKeysSetEveryServicesPolicy() {
        conf.write("host.conf", "INTERVAL=30", "MAX_CHECK_ATTEMPTS=3", "RECOVER=wd", "FLAPPING_LOW=10",
                "FLAPPING_HIGH=20.5", "RESTART_LIMIT=2/10", "RESTART_DELAY=0", "RENOTIFY_INTERVAL=3600",
                "WEBHOOK_URL=https://hooks.example.org/T0KEN", "NOTIFY_COMMAND=\"/usr/local/bin/page 'ops team'\"",
                "NOTIFY_TIMEOUT=2.5", "FLAPPING_ENABLED=no", "WEBHOOK_FORMAT=text");
        conf.write("services.conf", "cron;cron;;1;1;;;;0;");

        Config config = load();

        assertThat(config.problems()).isEmpty();
        ServicePolicy policy = config.services().get(0).policy();
        assertThat(policy.interval()).hasSeconds(30);
        assertThat(policy.effectiveRetryInterval()).as("RETRY_INTERVAL defaults to INTERVAL").hasSeconds(30);
        assertThat(policy.maxCheckAttempts()).isEqualTo(3);
        assertThat(policy.recover()).isEqualTo(RecoverMode.WD);
        assertThat(policy.flappingEnabled()).isFalse();
        assertThat(policy.flapping()).isEqualTo(new FlappingThresholds(10, 20.5));
        assertThat(policy.restartLimit()).isEqualTo(new RestartLimit(2, 10));
        assertThat(policy.restartDelay()).isZero();
        assertThat(policy.renotifyInterval()).hasHours(1);
        assertThat(config.settings().webhookUrl()).isEqualTo(URI.create("https://hooks.example.org/T0KEN"));
        assertThat(config.settings().notifyCommand()).isEqualTo("/usr/local/bin/page 'ops team'");
        assertThat(config.settings().notifyTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.settings().webhookFormat()).isEqualTo(WebhookFormat.TEXT);
    }

    @Test
    void theWebhookPostsTheWholeNotificationUnlessTold() {
        conf.write("host.conf", "WEBHOOK_URL=https://hooks.example.org/T0KEN");
        conf.write("services.conf", "cron;cron;;1;1;;;;0;");

        assertThat(load().settings().webhookFormat()).isEqualTo(WebhookFormat.JSON);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "INTERVAL=0           | INTERVAL: '0' is not a positive number of seconds (like 10 or 2.5)",
        "MAX_CHECK_ATTEMPTS=0 | MAX_CHECK_ATTEMPTS: '0' must be at least 1",
        "RECOVER=x            | RECOVER: 'x' is not d, w, wd or none (which confirmed problems to repair)",
        "RESTART_LIMIT=3/0    | RESTART_LIMIT: '3/0' is not N/M with N >= 1 and M >= 1 (at most N restarts until the service has been OK for M checks in a row, e.g. 3/5)",
        "FLAPPING_HIGH=101    | FLAPPING_HIGH: '101' is not a percentage from 0 to 100",
        "WEBHOOK_URL=ftp://x/secret | WEBHOOK_URL: is not an http:// or https:// URL with a host name",
        "WEBHOOK_FORMAT=slack | WEBHOOK_FORMAT: 'slack' is not json or text (the webhook's body: the whole notification as JSON, or a chat tool's text)",
        "NOTIFY_COMMAND=\"page 'ops\" | NOTIFY_COMMAND: 'page 'ops' cannot be split into words: unbalanced ' in start command",
    })
    void aBadValueIsReportedAndTheDefaultKept(String line, String expected) {
        conf.write("host.conf", line);
        conf.write("services.conf", "cron;cron;;1;1;;;;0;");

        Config config = load();

        assertThat(conf.render(config.problems())).containsExactly("host.conf:1: " + expected);
        assertThat(config.services().get(0).policy()).isEqualTo(ServicePolicy.DEFAULT);
    }

    @Test
    void flappingLowAboveHighIsAProblemAndBothKeepTheirDefaults() {
        conf.write("host.conf", "FLAPPING_LOW=40");
        conf.write("services.conf", "cron;cron;;1;1;;;;0;");

        Config config = load();

        assertThat(conf.render(config.problems())).containsExactly(
                "host.conf:1: FLAPPING_LOW: FLAPPING_LOW (40.0) must not be greater than FLAPPING_HIGH (30.0);"
                        + " both keep their defaults");
        assertThat(config.services().get(0).policy().flapping()).isEqualTo(FlappingThresholds.DEFAULT);
    }

    @Test
    void smartYmlSettingsAndPerServiceOverridesApplyOverTheHostDefaults() {
        conf.write("host.conf", "INTERVAL=120", "RETRY_INTERVAL=10");
        conf.write("smart.yml",
                "settings:",
                "  recover: none",
                "  flapping: { low: 20, high: 40 }",
                "services:",
                "  - name: db",
                "    process: postgres",
                "  - name: web",
                "    process: nginx",
                "    interval: 5",
                "    max_check_attempts: 2",
                "    recover: wd",
                "    flapping: { enabled: false, high: 50 }",
                "    restart_limit: 1/1",
                "    restart_delay: 2",
                "    renotify_interval: 60",
                "    depends_on: [db]");

        Config config = load();

        assertThat(config.problems()).isEmpty();
        ServicePolicy db = config.services().get(0).policy();
        assertThat(db.interval()).hasSeconds(120);
        assertThat(db.recover()).isEqualTo(RecoverMode.NONE);
        assertThat(db.flapping()).isEqualTo(new FlappingThresholds(20, 40));
        ServicePolicy web = config.services().get(1).policy();
        assertThat(web.interval()).hasSeconds(5);
        assertThat(web.effectiveRetryInterval()).as("the host's RETRY_INTERVAL").hasSeconds(10);
        assertThat(web.maxCheckAttempts()).isEqualTo(2);
        assertThat(web.recover()).isEqualTo(RecoverMode.WD);
        assertThat(web.flappingEnabled()).isFalse();
        assertThat(web.flapping()).isEqualTo(new FlappingThresholds(20, 50));
        assertThat(web.restartLimit()).isEqualTo(new RestartLimit(1, 1));
        assertThat(web.restartDelay()).hasSeconds(2);
        assertThat(web.renotifyInterval()).hasMinutes(1);
        assertThat(web.dependsOn()).containsExactly("db");
    }

    @Test
    void aServicesOwnIntervalIsItsRetryIntervalUnlessOneIsSet() {
        conf.write("smart.yml", "services:", "  - name: web", "    process: nginx", "    interval: 7");

        assertThat(load().services().get(0).policy().effectiveRetryInterval()).hasSeconds(7);
    }

    @Test
    void badPerServiceValuesSkipThatServiceWithLineAndFieldPath() {
        conf.write("smart.yml",
                "services:",
                "  - name: web",
                "    process: nginx",
                "    interval: soon",
                "    flapping: { low: 50 }",
                "  - name: db",
                "    process: postgres");

        Config config = load();

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:4:5: services[0].interval: 'soon' is not a positive number of seconds (like 10 or 2.5)");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("db");
    }

    @Test
    void perServiceFlappingThresholdsMustAgreeWithTheHostOnes() {
        conf.write("smart.yml", "services:", "  - name: web", "    process: nginx", "    flapping: { low: 50 }");

        Config config = load();

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:4:5: services[0].flapping: low (50.0) must not be greater than high (30.0)");
        assertThat(config.services()).isEmpty();
    }

    @Test
    void unknownDependenciesAndCyclesAreConfigurationProblems() {
        conf.write("services.conf", "cron;cron;;1;1;;;;0;");
        conf.write("smart.yml",
                "services:",
                "  - name: web",
                "    process: nginx",
                "    depends_on: [db, cache]",
                "  - name: db",
                "    process: postgres",
                "    depends_on: [app]",
                "  - name: app",
                "    process: java",
                "    depends_on: [db, cron]");

        Config config = load();

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:4:5: services[0].depends_on: service 'web' depends on unknown service 'cache'",
                "smart.yml:7:5: services[1].depends_on: dependency cycle: db -> app -> db");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("cron", "web", "db", "app");
    }
}
