package org.smart.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.smart.model.Origin;
import org.smart.model.PluginCommand;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;

/**
 * One entry of {@code services:} in smart.yml: the record Jackson fills (keys in snake_case, every
 * scalar read as text so that the rules, shared with services.conf, give the messages) and its mapping
 * to a {@link ServiceSpec}.
 *
 * <p>To add a key: add a component to {@link Entry} and read it in {@link #toSpec}.
 */
final class YamlService {

    /**
     * The keys of a service entry.
     *
     * @param name       unique service name (required)
     * @param process    process name; required unless procs is {min: 0, max: 0}
     * @param port       TCP port, 1-65535
     * @param args       text the process's arguments must contain (process_param)
     * @param procs      process-count bounds, default {min: 1, max: 1}
     * @param start      start command
     * @param startMode  {@code plain} (default) or {@code init-script}
     * @param pidFile    pid file; relative to the configuration directory
     * @param socketFile socket file; relative to the configuration directory
     * @param check      name of a check script in scripts/
     * @param plugin     a Nagios plugin and its arguments, instead of a check script
     * @param host             the remote host (under {@code hosts:}) it runs on; this machine when left out
     * @param interval         INTERVAL for this service only; likewise the next seven keys
     * @param retryInterval    RETRY_INTERVAL
     * @param maxCheckAttempts MAX_CHECK_ATTEMPTS
     * @param recover          RECOVER
     * @param flapping         FLAPPING_ENABLED, FLAPPING_LOW, FLAPPING_HIGH as {@code {enabled, low, high}}
     * @param restartLimit     RESTART_LIMIT
     * @param restartDelay     RESTART_DELAY
     * @param renotifyInterval RENOTIFY_INTERVAL
     * @param dependsOn        names of the services this one depends on
     */
    record Entry(String name, String process, String port, String args, Procs procs, String start,
                 String startMode, String pidFile, String socketFile, String check, String plugin, String host, String interval,
                 String retryInterval, String maxCheckAttempts, String recover, Flapping flapping,
                 String restartLimit, String restartDelay, String renotifyInterval, List<String> dependsOn) {
    }

    /** Process-count bounds; either may be left out. */
    record Procs(String min, String max) {
    }

    /** Flapping detection for one service; each key may be left out. */
    record Flapping(String enabled, String low, String high) {
    }

    /** A service entry as read: the service, and the daemon settings it gives for itself. */
    record Declared(ServiceSpec spec, PolicyOverrides overrides) {
    }

    private static final int DEFAULT_PROCS = 1;

    private YamlService() {
    }

    /**
     * @param entry the entry as read
     * @param at    its field path, e.g. {@code services[2]}
     * @param where where a field path is written
     */
    static Optional<Declared> toSpec(Entry entry, String at, Function<String, Origin> where, ServiceRules rules,
                                     FieldCheck check) {
        String name = check.get(at + ".name", () -> ConfigText.serviceName(entry.name()));
        Procs procs = entry.procs() == null ? new Procs(null, null) : entry.procs();
        Integer min = check.get(at + ".procs.min", () -> count(procs.min()));
        Integer max = check.get(at + ".procs.max", () -> count(procs.max()));
        if (min != null && max != null) {
            check.verify(at + ".procs.min", () -> ServiceRules.bounds(min, max, "procs.max"));
        }
        boolean noProcessTest = Objects.equals(min, 0) && Objects.equals(max, 0);
        String process = check.get(at + ".process", () -> process(entry.process(), noProcessTest));
        Integer port = check.get(at + ".port", () -> entry.port() == null ? 0 : Values.port(entry.port()));
        Path pidFile = check.get(at + ".pid_file", () -> rules.path(entry.pidFile()));
        Path socketFile = check.get(at + ".socket_file", () -> rules.path(entry.socketFile()));
        StartMode startMode = check.get(at + ".start_mode", () -> startMode(entry.startMode()));
        String checkScript = check.get(at + ".check", () -> rules.checkScript(entry.check()));
        PluginCommand plugin = check.get(at + ".plugin", () -> rules.plugin(entry.plugin(),
                checkScript == null ? "" : checkScript, port == null ? 0 : port));
        String start = check.get(at + ".start", () -> rules.startCommand(entry.start()));
        if (start != null) {
            check.note(at + ".start", () -> rules.startProgram(start));
        }
        PolicyOverrides overrides = overrides(entry, at, where, check);
        if (check.failed()) {
            return Optional.empty();
        }
        return Optional.of(new Declared(new ServiceSpec(name, process, port, entry.args(), max, min, start,
                pidFile, socketFile, startMode, checkScript, plugin, where.apply(at), ServicePolicy.DEFAULT, entry.host()),
                overrides));
    }

    private static PolicyOverrides overrides(Entry entry, String at, Function<String, Origin> where, FieldCheck check) {
        Flapping flapping = entry.flapping() == null ? new Flapping(null, null, null) : entry.flapping();
        return new PolicyOverrides(at,
                check.get(at + ".interval", () -> optional(entry.interval(), Values::seconds)),
                check.get(at + ".retry_interval", () -> optional(entry.retryInterval(), Values::seconds)),
                check.get(at + ".max_check_attempts", () -> optional(entry.maxCheckAttempts(), Values::positiveCount)),
                check.get(at + ".recover", () -> optional(entry.recover(), Values::recover)),
                check.get(at + ".flapping.enabled", () -> optional(flapping.enabled(), Values::flag)),
                check.get(at + ".flapping.low", () -> optional(flapping.low(), Values::percent)),
                check.get(at + ".flapping.high", () -> optional(flapping.high(), Values::percent)),
                check.get(at + ".restart_limit", () -> optional(entry.restartLimit(), Values::restartLimit)),
                check.get(at + ".restart_delay", () -> optional(entry.restartDelay(), Values::secondsOrZero)),
                check.get(at + ".renotify_interval", () -> optional(entry.renotifyInterval(), Values::secondsOrZero)),
                check.get(at + ".depends_on", () -> dependsOn(entry.dependsOn())),
                where.apply(at + ".flapping"), where.apply(at + ".depends_on"));
    }

    /** A value that may be left out: null then, the parsed value otherwise. */
    private static <T> T optional(String text, SettingKey.TextParser<T> parser) throws BadValueException {
        return text == null ? null : parser.parse(text);
    }

    private static List<String> dependsOn(List<String> names) throws BadValueException {
        if (names == null) {
            return null;
        }
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new BadValueException("service names in depends_on must not be empty");
            }
            ConfigText.serviceName(name);
        }
        return List.copyOf(names);
    }

    private static int count(String text) throws BadValueException {
        return text == null ? DEFAULT_PROCS : Values.wholeNumber(text);
    }

    private static String process(String text, boolean noProcessTest) throws BadValueException {
        if (text != null && !text.isEmpty()) {
            return text;
        }
        if (noProcessTest) {
            return "";
        }
        throw new BadValueException("must not be empty unless procs is {min: 0, max: 0}");
    }

    private static StartMode startMode(String text) throws BadValueException {
        if (text == null) {
            return StartMode.PLAIN;
        }
        return switch (text) {
            case "plain" -> StartMode.PLAIN;
            case "init-script" -> StartMode.INIT_SCRIPT;
            default -> throw new BadValueException("'" + text + "' is not plain or init-script");
        };
    }
}
