package org.smart.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.smart.model.HostSettings;
import org.smart.model.WebhookFormat;
import org.smart.policy.RecoverMode;
import org.smart.state.RestartLimit;

/**
 * The host settings SMART knows, one entry each. host.conf and the {@code settings:} section of
 * smart.yml are both read through this table, so a setting means the same in both files.
 *
 * <table>
 * <caption>Keys (host.conf name / smart.yml path: meaning, default)</caption>
 * <tr><td>HOSTNAME / hostname</td><td>name used in notifications (letters, digits, '.', '_', '-'); default: the
 *     machine's host name</td></tr>
 * <tr><td>MAIL_TO / mail_to</td><td>notification recipients, comma-separated (a list in smart.yml);
 *     default: none, which disables e-mail</td></tr>
 * <tr><td>MAIL_FROM / mail_from</td><td>sender address; default {@code smart@HOSTNAME}</td></tr>
 * <tr><td>SMTP_HOST / smtp.host</td><td>SMTP server; default {@code localhost}</td></tr>
 * <tr><td>SMTP_PORT / smtp.port</td><td>SMTP port, 1-65535; default 25</td></tr>
 * <tr><td>SMTP_USER / smtp.user</td><td>SMTP user; default empty (no authentication)</td></tr>
 * <tr><td>SMTP_STARTTLS / smtp.starttls</td><td>require STARTTLS: yes/no/true/false/1/0; default no</td></tr>
 * <tr><td>SMTP_PASSWORD_FILE / smtp.password_file</td><td>file holding the SMTP password, owner-only
 *     (see {@link org.smart.security.SecretFiles}); default none. The password may instead come from the
 *     {@code SMART_SMTP_PASSWORD} environment variable; it is never written in a configuration file.</td></tr>
 * <tr><td>CHECK_TIMEOUT / check_timeout</td><td>seconds a check may take (decimals allowed); default 10</td></tr>
 * <tr><td>START_TIMEOUT / start_timeout</td><td>seconds a restarted service has to become OK; default 30</td></tr>
 * <tr><td>STOP_TIMEOUT / stop_timeout</td><td>seconds between TERM and KILL; default 10</td></tr>
 * <tr><td>REBOOT_COMMAND / reboot_command</td><td>command run by {@code --reboot}; default {@code /sbin/reboot}</td></tr>
 * <tr><td>CHECK_HOST / check_host</td><td>address port checks and check scripts talk to; default 127.0.0.1</td></tr>
 * <tr><td>STATE_DIR / state_dir</td><td>where SMART keeps its state; default {@code /var/lib/smart}</td></tr>
 * <tr><td>INTERVAL / interval</td><td>daemon: seconds between checks of a service; default 60</td></tr>
 * <tr><td>RETRY_INTERVAL / retry_interval</td><td>daemon: seconds between checks while a problem is SOFT;
 *     default INTERVAL</td></tr>
 * <tr><td>MAX_CHECK_ATTEMPTS / max_check_attempts</td><td>daemon: problem results in a row before a problem
 *     is HARD; default 1</td></tr>
 * <tr><td>RECOVER / recover</td><td>daemon: which HARD problems it repairs: d, w, wd or none; default d</td></tr>
 * <tr><td>FLAPPING_ENABLED / flapping.enabled</td><td>daemon: flapping detection; default yes</td></tr>
 * <tr><td>FLAPPING_LOW / flapping.low</td><td>daemon: flapping ends at or below this percentage; default 25</td></tr>
 * <tr><td>FLAPPING_HIGH / flapping.high</td><td>daemon: flapping starts above this percentage; default 30</td></tr>
 * <tr><td>RESTART_LIMIT / restart_limit</td><td>daemon: N/M, every restart counts against N until the
 *     service has been OK for M checks in a row after it; the N+1th is never made: given up; default 3/5</td></tr>
 * <tr><td>RESTART_DELAY / restart_delay</td><td>daemon: seconds before the second restart counted,
 *     doubling for each further one; default 30</td></tr>
 * <tr><td>RENOTIFY_INTERVAL / renotify_interval</td><td>daemon: repeat a problem notification every so many
 *     seconds while it lasts; default 0 (never)</td></tr>
 * <tr><td>WEBHOOK_URL / webhook_url</td><td>POST notifications here (daemon and one-shot runs); default none</td></tr>
 * <tr><td>WEBHOOK_FORMAT / webhook_format</td><td>the webhook's body: {@code json} (the whole notification) or
 *     {@code text} (a chat tool's {@code {"text": ...}}); default json</td></tr>
 * <tr><td>NOTIFY_COMMAND / notify_command</td><td>daemon: run this once per notification, details in
 *     SMART_* environment variables; default none</td></tr>
 * <tr><td>CONTROL_GROUP / control_group</td><td>daemon: the group whose members may use its control socket
 * besides root; default {@code smart}, empty for root only</td></tr>
 * <tr><td>NOTIFY_TIMEOUT / notify_timeout</td><td>daemon: seconds a webhook or notification command may
 *     take; default 10</td></tr>
 * </table>
 *
 * <p>Relative paths (SMTP_PASSWORD_FILE, STATE_DIR) are taken relative to the configuration directory.
 *
 * <p>Adding a key: add a field to {@link HostSettings} and its default to {@code HostSettings.defaults},
 * one entry here (and in {@link #ALL}), and one argument in {@link SettingValues#build}. Both files
 * then accept it, with the same checks and messages.
 */
final class SettingKeys {

    static final SettingKey<String> HOSTNAME = SettingKey.of("HOSTNAME", "hostname", Values::hostname, HostSettings::hostname);
    static final SettingKey<List<String>> MAIL_TO = SettingKey.list("MAIL_TO", "mail_to", Values::addresses, HostSettings::mailTo);
    static final SettingKey<String> MAIL_FROM = SettingKey.of("MAIL_FROM", "mail_from", Values::address, HostSettings::mailFrom);
    static final SettingKey<String> SMTP_HOST = SettingKey.of("SMTP_HOST", "smtp.host", Values::host, HostSettings::smtpHost);
    static final SettingKey<Integer> SMTP_PORT = SettingKey.of("SMTP_PORT", "smtp.port", Values::port, HostSettings::smtpPort);
    static final SettingKey<String> SMTP_USER = SettingKey.of("SMTP_USER", "smtp.user", text -> text, HostSettings::smtpUser);
    static final SettingKey<Boolean> SMTP_STARTTLS = SettingKey.of("SMTP_STARTTLS", "smtp.starttls", Values::flag, HostSettings::smtpStartTls);
    static final SettingKey<Path> SMTP_PASSWORD_FILE = SettingKey.path("SMTP_PASSWORD_FILE", "smtp.password_file", Values::optionalPath, HostSettings::smtpPasswordFile);
    static final SettingKey<Duration> CHECK_TIMEOUT = SettingKey.of("CHECK_TIMEOUT", "check_timeout", Values::seconds, HostSettings::checkTimeout);
    static final SettingKey<Duration> START_TIMEOUT = SettingKey.of("START_TIMEOUT", "start_timeout", Values::seconds, HostSettings::startTimeout);
    static final SettingKey<Duration> STOP_TIMEOUT = SettingKey.of("STOP_TIMEOUT", "stop_timeout", Values::seconds, HostSettings::stopTimeout);
    static final SettingKey<String> REBOOT_COMMAND = SettingKey.path("REBOOT_COMMAND", "reboot_command",
            (text, dir) -> Values.command(Values.required(text), dir), HostSettings::rebootCommand);
    static final SettingKey<String> CHECK_HOST = SettingKey.of("CHECK_HOST", "check_host", Values::host, HostSettings::checkHost);
    static final SettingKey<Path> STATE_DIR = SettingKey.path("STATE_DIR", "state_dir", Values::path, HostSettings::stateDir);
    static final SettingKey<Duration> INTERVAL = SettingKey.of("INTERVAL", "interval", Values::seconds,
            hs -> hs.servicePolicy().interval());
    static final SettingKey<Duration> RETRY_INTERVAL = SettingKey.of("RETRY_INTERVAL", "retry_interval", Values::seconds,
            hs -> hs.servicePolicy().retryInterval());
    static final SettingKey<Integer> MAX_CHECK_ATTEMPTS = SettingKey.of("MAX_CHECK_ATTEMPTS", "max_check_attempts",
            Values::positiveCount, hs -> hs.servicePolicy().maxCheckAttempts());
    static final SettingKey<RecoverMode> RECOVER = SettingKey.of("RECOVER", "recover", Values::recover,
            hs -> hs.servicePolicy().recover());
    static final SettingKey<Boolean> FLAPPING_ENABLED = SettingKey.of("FLAPPING_ENABLED", "flapping.enabled",
            Values::flag, hs -> hs.servicePolicy().flappingEnabled());
    static final SettingKey<Double> FLAPPING_LOW = SettingKey.of("FLAPPING_LOW", "flapping.low", Values::percent,
            hs -> hs.servicePolicy().flapping().low());
    static final SettingKey<Double> FLAPPING_HIGH = SettingKey.of("FLAPPING_HIGH", "flapping.high", Values::percent,
            hs -> hs.servicePolicy().flapping().high());
    static final SettingKey<RestartLimit> RESTART_LIMIT = SettingKey.of("RESTART_LIMIT", "restart_limit",
            Values::restartLimit, hs -> hs.servicePolicy().restartLimit());
    static final SettingKey<Duration> RESTART_DELAY = SettingKey.of("RESTART_DELAY", "restart_delay",
            Values::secondsOrZero, hs -> hs.servicePolicy().restartDelay());
    static final SettingKey<Duration> RENOTIFY_INTERVAL = SettingKey.of("RENOTIFY_INTERVAL", "renotify_interval",
            Values::secondsOrZero, hs -> hs.servicePolicy().renotifyInterval());
    static final SettingKey<URI> WEBHOOK_URL = SettingKey.of("WEBHOOK_URL", "webhook_url", Values::webhookUrl,
            HostSettings::webhookUrl);
    static final SettingKey<WebhookFormat> WEBHOOK_FORMAT = SettingKey.of("WEBHOOK_FORMAT", "webhook_format",
            Values::webhookFormat, HostSettings::webhookFormat);
    static final SettingKey<String> NOTIFY_COMMAND = SettingKey.path("NOTIFY_COMMAND", "notify_command",
            Values::command, HostSettings::notifyCommand);
    static final SettingKey<Duration> NOTIFY_TIMEOUT = SettingKey.of("NOTIFY_TIMEOUT", "notify_timeout",
            Values::seconds, HostSettings::notifyTimeout);
    static final SettingKey<String> CONTROL_GROUP = SettingKey.of("CONTROL_GROUP", "control_group", Values::groupName,
            HostSettings::controlGroup);

    static final List<SettingKey<?>> ALL = List.of(HOSTNAME, MAIL_TO, MAIL_FROM, SMTP_HOST, SMTP_PORT, SMTP_USER,
            SMTP_STARTTLS, SMTP_PASSWORD_FILE, CHECK_TIMEOUT, START_TIMEOUT, STOP_TIMEOUT, REBOOT_COMMAND,
            CHECK_HOST, STATE_DIR, INTERVAL, RETRY_INTERVAL, MAX_CHECK_ATTEMPTS, RECOVER, FLAPPING_ENABLED,
            FLAPPING_LOW, FLAPPING_HIGH, RESTART_LIMIT, RESTART_DELAY, RENOTIFY_INTERVAL, WEBHOOK_URL,
            WEBHOOK_FORMAT, NOTIFY_COMMAND, NOTIFY_TIMEOUT, CONTROL_GROUP);

    /** Name parts that mark a key as holding a secret, e.g. SMTP_PASSWORD, SMTP_PASS, smtp.secret. */
    private static final Set<String> SECRET_WORDS = Set.of("PASS", "PASSWD", "PASSWORD", "PWD", "PW", "SECRET");

    private SettingKeys() {
    }

    static Optional<SettingKey<?>> byName(String name) {
        return ALL.stream().filter(key -> key.name().equals(name)).findFirst();
    }

    static Optional<SettingKey<?>> byYamlPath(String path) {
        return ALL.stream().filter(key -> key.yamlPath().equals(path)).findFirst();
    }

    static String knownNames() {
        return String.join(", ", names());
    }

    /** host.conf's keys, in the documentation's order. */
    static List<String> names() {
        return ALL.stream().map(SettingKey::name).toList();
    }

    /** The keys one level below {@code section} in smart.yml ({@code ""} for the top of {@code settings:}). */
    static List<String> yamlKeysBelow(String section) {
        String prefix = section.isEmpty() ? "" : section + ".";
        return ALL.stream().map(SettingKey::yamlPath)
                .filter(path -> path.startsWith(prefix))
                .map(path -> path.substring(prefix.length()).split("\\.")[0])
                .distinct()
                .toList();
    }

    /** Whether {@code path} is a group of settings in smart.yml, such as {@code smtp}. */
    static boolean isYamlSection(String path) {
        return ALL.stream().anyMatch(key -> key.yamlPath().startsWith(path + "."));
    }

    /** Whether an unknown key's name says it holds a password, which no configuration file may hold. */
    static boolean looksLikeSecret(String key) {
        return Arrays.stream(key.toUpperCase(Locale.ROOT).split("[_.\\-]"))
                .anyMatch(SECRET_WORDS::contains);
    }

    /** The refusal for a password written into a configuration file; never quotes the password. */
    static String secretRefusal(String fileName, String passwordFileKey) {
        return "passwords must not be written into " + fileName
                + " (other users, backups and version control may read it); put the password in a file only"
                + " SMART's user can read (chmod 600) and set " + passwordFileKey
                + " to its path, or pass it in the SMART_SMTP_PASSWORD environment variable";
    }
}
