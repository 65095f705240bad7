package org.smart.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.smart.feed.CommandFileFeedConfig;
import org.smart.feed.IcingaApiFeedConfig;
import org.smart.feed.RetryPolicy;
import org.smart.model.HostSettings;
import org.smart.model.RemoteHost;
import org.smart.ssh.RemoteHostSpec;

/**
 * Every key the configuration parsers accept, with what it means and its default, for smart.conf(5) and the
 * commented host.conf the package ships. The keys are not listed here: they are read from the parsers' own
 * tables ({@link SettingKeys#ALL} and the records smart.yml is mapped onto), so a key added to a parser is on
 * the page at once, and {@link #settings()} and friends fail until it is described below.
 */
public final class ConfigReference {

    /** A setting: its host.conf name, its path below {@code settings:} in smart.yml, meaning and default. */
    public record Setting(String hostConfName, String yamlPath, String description, String defaultValue) {
    }

    /** A key of a smart.yml section (services, hosts, feed), as a dotted path inside one entry. */
    public record Key(String path, String description, String defaultValue) {
    }

    /** A described key whose parser no longer knows it, or a parser key without a description. */
    public static final class UndescribedKeyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UndescribedKeyException(String message) {
            super(message);
        }
    }

    /** What a key means, and its default when it cannot be read from the code ({@code null}: read it there). */
    private record Doc(String description, String defaultValue) {
    }

    private static final String NONE = "none";
    private static final PropertyNamingStrategies.NamingBase NAMING = new PropertyNamingStrategies.SnakeCaseStrategy();

    private static final Map<String, Doc> SETTINGS = Map.ofEntries(
            doc("HOSTNAME", "Name of this host in notifications and Nagios results (a safe name: letters, digits, '.', '_', '-').",
                    "the machine's host name"),
            doc("MAIL_TO", "Notification recipients, comma-separated (a list in smart.yml); none disables e-mail.", null),
            doc("MAIL_FROM", "Sender address of notification mails.", null),
            doc("SMTP_HOST", "SMTP server that sends the mails.", null),
            doc("SMTP_PORT", "SMTP port, 1-65535.", null),
            doc("SMTP_USER", "SMTP user; empty means no authentication.", null),
            doc("SMTP_STARTTLS", "Require STARTTLS (yes/no, true/false, 1/0).", null),
            doc("SMTP_PASSWORD_FILE", "File holding the SMTP password, readable by its owner only (mode 0600); the"
                    + " password may instead come from the SMART_SMTP_PASSWORD environment variable, never from a"
                    + " configuration file.", null),
            doc("CHECK_TIMEOUT", "Seconds a check (port, script or plugin) may take; decimals allowed.", null),
            doc("START_TIMEOUT", "Seconds a restarted service has to become OK again.", null),
            doc("STOP_TIMEOUT", "Seconds between TERM and KILL when a service's processes are stopped.", null),
            doc("REBOOT_COMMAND", "Command run by smart --reboot.", null),
            doc("CHECK_HOST", "Address port checks and check scripts ($1) talk to.", null),
            doc("STATE_DIR", "Where SMART keeps its state, locks, spool and the services' logs.", null),
            doc("INTERVAL", "Daemon: seconds between two checks of a service.", null),
            doc("RETRY_INTERVAL", "Daemon: seconds between checks while a problem is SOFT.", "INTERVAL"),
            doc("MAX_CHECK_ATTEMPTS", "Daemon: problem results in a row before a problem is HARD.", null),
            doc("RECOVER", "Daemon: which HARD problems it repairs: d (DOWN), w (WARN), wd (both) or none.", null),
            doc("FLAPPING_ENABLED", "Daemon: detect services that flap between states.", null),
            doc("FLAPPING_LOW", "Daemon: flapping ends at or below this percentage of state changes.", null),
            doc("FLAPPING_HIGH", "Daemon: flapping starts above this percentage of state changes.", null),
            doc("RESTART_LIMIT", "Daemon: N/M, at most N restarts until the service has been OK for M checks in a"
                    + " row; the N+1th restart is never made (the service is given up).", null),
            doc("RESTART_DELAY", "Daemon: seconds before the second counted restart, doubling for each further one.", null),
            doc("RENOTIFY_INTERVAL", "Daemon: repeat a problem notification every so many seconds while it lasts;"
                    + " 0 never.", null),
            doc("WEBHOOK_URL", "POST notifications to this URL (daemon and one-shot runs).", null),
            doc("WEBHOOK_FORMAT", "The webhook's body: json (the whole notification) or text ({\"text\": ...}, for"
                    + " Slack, Mattermost, Rocket.Chat).", null),
            doc("NOTIFY_COMMAND", "Run this command once per notification (daemon and one-shot runs), the details in"
                    + " SMART_* environment variables.", null),
            doc("NOTIFY_TIMEOUT", "Seconds a webhook or notification command may take.", null),
            doc("CONTROL_GROUP", "Daemon: the group whose members may operate it through STATE_DIR/control.sock"
                    + " (smart restart, stop, status...), besides root; empty, or a group that does not exist, for"
                    + " root only.", null));

    private static final Map<String, Doc> SERVICE_KEYS = Map.ofEntries(
            doc("name", "Unique service name (required; letters, digits, '.', '_', '-', '@').", "required"),
            doc("process", "Process name (argv[0] or the kernel's name); required unless procs is {min: 0, max: 0}.",
                    "required"),
            doc("port", "TCP port to connect to when no check script or plugin is given, 1-65535.", NONE),
            doc("args", "Text the process's arguments must contain (services.conf's process_param).", NONE),
            doc("procs.min", "Fewest processes the service may have.", "1"),
            doc("procs.max", "Most processes the service may have.", "1"),
            doc("start", "Start command, run detached to (re)start the service.", NONE),
            doc("start_mode", "plain runs start as it is; init-script runs 'START stop' first and starts with"
                    + " 'START start'.",
                    "plain"),
            doc("pid_file", "Pid file; relative paths are relative to the configuration directory.", NONE),
            doc("socket_file", "Socket file removed when stale before a start.", NONE),
            doc("check", "Name of a check script in scripts/ (a .nag wrapper around a Nagios plugin, or any"
                    + " executable).", NONE),
            doc("plugin", "A Nagios plugin and its arguments, run directly ($HOST, $PORT, $TIMEOUT, $PLUGINS"
                    + " expand); instead of check.", NONE),
            doc("host", "Name of the remote host (under hosts:) the service runs on.", "this machine"),
            doc("interval", "INTERVAL for this service only.", "settings"),
            doc("retry_interval", "RETRY_INTERVAL for this service only.", "settings"),
            doc("max_check_attempts", "MAX_CHECK_ATTEMPTS for this service only.", "settings"),
            doc("recover", "RECOVER for this service only.", "settings"),
            doc("flapping.enabled", "FLAPPING_ENABLED for this service only.", "settings"),
            doc("flapping.low", "FLAPPING_LOW for this service only.", "settings"),
            doc("flapping.high", "FLAPPING_HIGH for this service only.", "settings"),
            doc("restart_limit", "RESTART_LIMIT for this service only.", "settings"),
            doc("restart_delay", "RESTART_DELAY for this service only.", "settings"),
            doc("renotify_interval", "RENOTIFY_INTERVAL for this service only.", "settings"),
            doc("depends_on", "Names of the services this one depends on: while a parent is not OK, this one is"
                    + " UNREACHABLE and not repaired.", NONE));

    private static final Map<String, Doc> SERVICES_CONF_FIELDS = Map.ofEntries(
            doc("NAME", "Unique service name (letters, digits, '.', '_', '-', '@').", "required"),
            doc("process_name[:port]", "Process name, and the TCP port to connect to when no check script is"
                    + " given.", "required"),
            doc("process_param", "Text the process's arguments must contain.", NONE),
            doc("max_procs", "Most processes the service may have.", "required"),
            doc("min_procs", "Fewest processes; 0;0 means no process test.", "required"),
            doc("start_command", "Start command, run detached to (re)start the service.", NONE),
            doc("pid_file", "Pid file; relative to the directory of services.conf.", NONE),
            doc("sock_file", "Socket file removed when stale before a start.", NONE),
            doc("start_mode", "0: run start_command as it is; 1: an init script, run with stop first and started"
                    + " with start.", "required"),
            doc("check_script", "Name of an executable in scripts/ that tells whether the service responds.", NONE));

    private static final Map<String, Doc> HOST_KEYS = Map.ofEntries(
            doc("name", "The host's name in SMART; services say host: NAME (required).", "required"),
            doc("address", "Host name or IP address to connect to.", "the name"),
            doc("port", "SSH port.", String.valueOf(RemoteHostSpec.DEFAULT_PORT)),
            doc("user", "Remote user (SMART restarts services there).", YamlHost.DEFAULT_USER),
            doc("identity_file", "Private key, OpenSSH format; relative to the configuration directory.",
                    YamlHost.DEFAULT_IDENTITY),
            doc("passphrase_env", "Environment variable holding the key's passphrase.", NONE),
            doc("passphrase_file", "File holding the key's passphrase, readable by its owner only.", NONE),
            doc("known_hosts", "known_hosts file the host key is verified against.", YamlHost.DEFAULT_KNOWN_HOSTS),
            doc("host_key_policy", "strict, or accept-new to record the key of a host seen for the first time.",
                    "strict"),
            doc("max_channels", "SSH channels open at once on the connection (OpenSSH's MaxSessions).",
                    String.valueOf(RemoteHostSpec.DEFAULT_MAX_CHANNELS)),
            doc("connect_timeout", "Seconds for TCP connect, key exchange and login together.",
                    seconds(RemoteHostSpec.DEFAULT_CONNECT_TIMEOUT)),
            doc("keepalive_interval", "Seconds between keepalive probes of an idle connection.",
                    seconds(RemoteHostSpec.DEFAULT_KEEPALIVE_INTERVAL)),
            doc("conf_dir", "SMART's directory on the host (its scripts/ and plugins/), absolute.",
                    RemoteHost.DEFAULT_CONF_DIR.toString()),
            doc("check_host", "The address check scripts on the host get as $1.", RemoteHost.DEFAULT_CHECK_HOST));

    private static final Map<String, Doc> FEED_KEYS = Map.ofEntries(
            doc("host_name", "Nagios/Icinga host name of the host SMART runs on.", "HOSTNAME"),
            doc("service_names", "Mapping of SMART service names to Nagios service descriptions.", "the same names"),
            doc("host_names", "Mapping of SMART remote host names to Nagios host names.", "the same names"),
            doc("command_file.enabled", "Send results to the external command file.", "true when the section is given"),
            doc("command_file.path", "The external command file (a FIFO).", CommandFileFeedConfig.DEFAULT_PATH.toString()),
            doc("command_file.queue", "Results kept while the file is not read.", String.valueOf(CommandFileFeedConfig.DEFAULT_QUEUE)),
            doc("command_file.drain_timeout", "Seconds to deliver queued results at shutdown.",
                    seconds(CommandFileFeedConfig.DEFAULT_DRAIN)),
            doc("command_file.retry_initial", "Seconds before the first retry.", seconds(RetryPolicy.DEFAULT.initial())),
            doc("command_file.retry_max", "Longest wait between retries, seconds.", seconds(RetryPolicy.DEFAULT.max())),
            doc("icinga_api.enabled", "Send results to the Icinga 2 REST API.", "true when the section is given"),
            doc("icinga_api.url", "The API's URL, https://HOST:5665 (required).", "required"),
            doc("icinga_api.ca_file", "PEM certificate(s) the API's certificate is verified against.", "the system's"),
            doc("icinga_api.credentials_file", "File with the API user and password, readable by its owner only.", NONE),
            doc("icinga_api.check_source", "check_source sent with each result.", "HOSTNAME"),
            doc("icinga_api.queue", "Results kept while the API cannot be reached.", String.valueOf(IcingaApiFeedConfig.DEFAULT_QUEUE)),
            doc("icinga_api.timeout", "Seconds one request may take.", seconds(IcingaApiFeedConfig.DEFAULT_REQUEST_TIMEOUT)),
            doc("icinga_api.drain_timeout", "Seconds to deliver queued results at shutdown.",
                    seconds(IcingaApiFeedConfig.DEFAULT_DRAIN)),
            doc("icinga_api.retry_initial", "Seconds before the first retry.", seconds(RetryPolicy.DEFAULT.initial())),
            doc("icinga_api.retry_max", "Longest wait between retries, seconds.", seconds(RetryPolicy.DEFAULT.max())));

    private ConfigReference() {
    }

    /** Every host setting, in the parser's order, with its default read from {@link HostSettings#defaults}. */
    public static List<Setting> settings() {
        HostSettings defaults = HostSettings.defaults("HOSTNAME");
        List<Setting> settings = new ArrayList<>();
        for (SettingKey<?> key : SettingKeys.ALL) {
            Doc doc = described(SETTINGS, key.name(), "host.conf");
            String dflt = doc.defaultValue() != null ? doc.defaultValue() : text(key.defaultValue().apply(defaults));
            settings.add(new Setting(key.name(), key.yamlPath(), doc.description(), dflt));
        }
        requireNoStale(SETTINGS, settings.stream().map(Setting::hostConfName).toList(), "host.conf");
        return settings;
    }

    /** The fields of a services.conf line, in their order. */
    public static List<Key> servicesConfFields() {
        List<Key> fields = new ArrayList<>();
        for (String field : ServicesConfParser.FIELDS) {
            Doc doc = described(SERVICES_CONF_FIELDS, field, "services.conf");
            fields.add(new Key(field, doc.description(), doc.defaultValue()));
        }
        requireNoStale(SERVICES_CONF_FIELDS, ServicesConfParser.FIELDS, "services.conf");
        return fields;
    }

    /** The keys of one entry of {@code services:}. */
    public static List<Key> serviceKeys() {
        return keys(YamlService.Entry.class, SERVICE_KEYS, "services");
    }

    /** The keys of one entry of {@code hosts:}. */
    public static List<Key> hostKeys() {
        return keys(YamlHost.Entry.class, HOST_KEYS, "hosts");
    }

    /** The keys of the {@code feed:} section. */
    public static List<Key> feedKeys() {
        return keys(YamlFeed.Entry.class, FEED_KEYS, "feed");
    }

    private static List<Key> keys(Class<?> entry, Map<String, Doc> docs, String section) {
        List<Key> keys = new ArrayList<>();
        for (String path : paths(entry, "")) {
            Doc doc = described(docs, path, section);
            keys.add(new Key(path, doc.description(), doc.defaultValue()));
        }
        requireNoStale(docs, keys.stream().map(Key::path).toList(), section);
        return keys;
    }

    /** The dotted key paths of a record as smart.yml spells them, nested records (procs, flapping) expanded. */
    private static List<String> paths(Class<?> type, String prefix) {
        List<String> paths = new ArrayList<>();
        for (var component : type.getRecordComponents()) {
            String path = prefix + NAMING.translate(component.getName());
            if (component.getType().isRecord()) {
                paths.addAll(paths(component.getType(), path + "."));
            } else {
                paths.add(path);
            }
        }
        return paths;
    }

    private static Doc described(Map<String, Doc> docs, String key, String where) {
        Doc doc = docs.get(key);
        if (doc == null) {
            throw new UndescribedKeyException(where + " key " + key + " has no description in ConfigReference:"
                    + " describe it there so that smart.conf(5) shows it");
        }
        return doc;
    }

    private static void requireNoStale(Map<String, Doc> docs, Collection<String> known, String where) {
        List<String> stale = docs.keySet().stream().filter(key -> !known.contains(key)).sorted().toList();
        if (!stale.isEmpty()) {
            throw new UndescribedKeyException(where + ": ConfigReference describes keys the parser does not know: "
                    + stale);
        }
    }

    /** A default as a user writes it: seconds for durations, commas for lists, "none" for nothing. */
    private static String text(Object value) {
        if (value == null || value instanceof Collection<?> c && c.isEmpty() || "".equals(value)) {
            return NONE;
        }
        if (value instanceof Duration duration) {
            return seconds(duration);
        }
        if (value instanceof Collection<?> c) {
            return String.join(",", c.stream().map(String::valueOf).toList());
        }
        if (value instanceof Boolean flag) {
            return flag ? "yes" : "no";
        }
        if (value instanceof Double number && number == Math.rint(number)) {
            return String.valueOf(number.longValue());
        }
        if (value instanceof Enum<?> constant) { // RECOVER: written in lower case, like the one-shot flags
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return Objects.toString(value);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? String.valueOf(duration.toSeconds())
                : String.valueOf(duration.toMillis() / 1000.0);
    }

    private static Map.Entry<String, Doc> doc(String key, String description, String defaultValue) {
        return Map.entry(key, new Doc(description, defaultValue));
    }
}
