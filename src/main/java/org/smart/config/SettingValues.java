package org.smart.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smart.model.ConfigProblem;
import org.smart.model.HostSettings;
import org.smart.model.ServicePolicy;
import org.smart.state.FlappingThresholds;

/**
 * Collects parsed settings from host.conf and smart.yml and builds the {@link HostSettings}: a setting
 * that is not given, or whose value is bad, keeps its default. A setting given twice is reported at
 * the second place, whose value wins (smart.yml is applied after host.conf).
 */
final class SettingValues {

    private final Path configDir;
    private final Map<SettingKey<?>, Object> values = new HashMap<>();
    private final Map<SettingKey<?>, SettingAssignment> sources = new HashMap<>();

    SettingValues(Path configDir) {
        this.configDir = configDir;
    }

    void apply(SettingAssignment assignment, List<ConfigProblem> problems) {
        SettingKey<?> key = assignment.key();
        Object value;
        try {
            // one place for both files: no setting's value may hold a control character
            value = key.parser().parse(ConfigText.printable(assignment.text()), configDir);
        } catch (BadValueException e) {
            problems.add(new ConfigProblem(assignment.origin(), assignment.field(), e.getMessage()));
            return;
        }
        SettingAssignment earlier = sources.put(key, assignment);
        if (earlier != null) {
            problems.add(new ConfigProblem(assignment.origin(), assignment.field(), "also set at "
                    + Places.earlier(earlier.origin(), assignment.origin())
                    + (earlier.field().equals(assignment.field()) ? "" : " (" + earlier.field() + ")")
                    + "; the value given here is used"));
        }
        values.put(key, value);
    }

    /** The value given for {@code key} and where it came from; empty when the default applies. */
    @SuppressWarnings("unchecked") // values are stored by the key whose parser made them
    <T> Optional<Given<T>> given(SettingKey<T> key) {
        SettingAssignment source = sources.get(key);
        return source == null ? Optional.empty() : Optional.of(new Given<>((T) values.get(key), source));
    }

    /** A value given in a file, with the place it was given. */
    record Given<T>(T value, SettingAssignment source) {
    }

    /** Forgets a given value, so the default applies again (e.g. a refused password file). */
    void reset(SettingKey<?> key) {
        values.remove(key);
        sources.remove(key);
    }

    /**
     * Checks the settings that must agree with each other: FLAPPING_LOW must not exceed FLAPPING_HIGH.
     * When they disagree the problem is reported where FLAPPING_HIGH (else FLAPPING_LOW) was given, and both
     * keep their defaults.
     */
    void checkTogether(List<ConfigProblem> problems) {
        double low = get(SettingKeys.FLAPPING_LOW, HostSettings.defaults(""));
        double high = get(SettingKeys.FLAPPING_HIGH, HostSettings.defaults(""));
        if (low <= high) {
            return;
        }
        SettingAssignment at = sources.getOrDefault(SettingKeys.FLAPPING_HIGH, sources.get(SettingKeys.FLAPPING_LOW));
        problems.add(new ConfigProblem(at.origin(), at.field(), "FLAPPING_LOW (" + low + ") must not be greater than"
                + " FLAPPING_HIGH (" + high + "); both keep their defaults"));
        reset(SettingKeys.FLAPPING_LOW);
        reset(SettingKeys.FLAPPING_HIGH);
    }

    HostSettings build(HostnameSource hostnames) {
        String hostname = values.containsKey(SettingKeys.HOSTNAME)
                ? (String) values.get(SettingKeys.HOSTNAME) : hostnames.hostname();
        HostSettings defaults = HostSettings.defaults(hostname);
        return new HostSettings(
                get(SettingKeys.HOSTNAME, defaults),
                get(SettingKeys.MAIL_TO, defaults),
                get(SettingKeys.MAIL_FROM, defaults),
                get(SettingKeys.SMTP_HOST, defaults),
                get(SettingKeys.SMTP_PORT, defaults),
                get(SettingKeys.SMTP_USER, defaults),
                get(SettingKeys.SMTP_STARTTLS, defaults),
                get(SettingKeys.SMTP_PASSWORD_FILE, defaults),
                get(SettingKeys.CHECK_TIMEOUT, defaults),
                get(SettingKeys.START_TIMEOUT, defaults),
                get(SettingKeys.STOP_TIMEOUT, defaults),
                get(SettingKeys.REBOOT_COMMAND, defaults),
                get(SettingKeys.CHECK_HOST, defaults),
                get(SettingKeys.STATE_DIR, defaults),
                servicePolicy(defaults),
                get(SettingKeys.WEBHOOK_URL, defaults),
                get(SettingKeys.WEBHOOK_FORMAT, defaults),
                get(SettingKeys.NOTIFY_COMMAND, defaults),
                get(SettingKeys.NOTIFY_TIMEOUT, defaults),
                get(SettingKeys.CONTROL_GROUP, defaults));
    }

    private ServicePolicy servicePolicy(HostSettings defaults) {
        return new ServicePolicy(
                get(SettingKeys.INTERVAL, defaults),
                get(SettingKeys.RETRY_INTERVAL, defaults),
                get(SettingKeys.MAX_CHECK_ATTEMPTS, defaults),
                get(SettingKeys.RECOVER, defaults),
                get(SettingKeys.FLAPPING_ENABLED, defaults),
                new FlappingThresholds(get(SettingKeys.FLAPPING_LOW, defaults), get(SettingKeys.FLAPPING_HIGH, defaults)),
                get(SettingKeys.RESTART_LIMIT, defaults),
                get(SettingKeys.RESTART_DELAY, defaults),
                get(SettingKeys.RENOTIFY_INTERVAL, defaults),
                List.of());
    }

    @SuppressWarnings("unchecked") // values are stored by the key whose parser made them
    private <T> T get(SettingKey<T> key, HostSettings defaults) {
        return values.containsKey(key) ? (T) values.get(key) : key.defaultValue().apply(defaults);
    }
}
