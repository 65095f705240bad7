package org.smart.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smart.model.ConfigProblem;
import org.smart.model.HostSettings;
import org.smart.model.Origin;

/**
 * Reads {@code host.conf}: {@code KEY=value} lines in shell syntax, as the original SMART sourced the
 * file into its shell scripts (see {@link ShellAssignment} for quoting and comments).
 *
 * <p>The keys, their meaning and defaults are listed in {@link SettingKeys}: HOSTNAME (default: the
 * machine's host name), MAIL_TO, MAIL_FROM, SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_STARTTLS,
 * SMTP_PASSWORD_FILE, CHECK_TIMEOUT, START_TIMEOUT, STOP_TIMEOUT (seconds, decimals allowed),
 * REBOOT_COMMAND, CHECK_HOST and STATE_DIR. Relative paths are taken relative to the directory holding
 * host.conf.
 *
 * <p>Problems, each reported with file, line and key while the rest of the file still loads:
 * <ul>
 * <li>a line that is not {@code KEY=value}, or whose quoting is broken: the line is skipped;</li>
 * <li>an unknown key, named with the list of known keys;</li>
 * <li>a key that holds a password ({@code SMTP_PASSWORD}, {@code SMTP_PASS}…): refused, the value is not
 *     repeated, and the message points to SMTP_PASSWORD_FILE and the SMART_SMTP_PASSWORD environment
 *     variable;</li>
 * <li>a bad value, quoted in the message: the default is kept;</li>
 * <li>a key given twice: the later value is used.</li>
 * </ul>
 */
public final class HostConfParser {

    private final HostnameSource hostnames;

    public HostConfParser(HostnameSource hostnames) {
        this.hostnames = hostnames;
    }

    /** The settings {@code file} gives, every other one at its default. */
    public Parsed<HostSettings> parse(Path file) {
        List<ConfigProblem> problems = new ArrayList<>();
        SettingValues values = new SettingValues(ConfigFiles.configDirOf(file));
        Parsed<List<SettingAssignment>> assignments = readAssignments(file);
        problems.addAll(assignments.problems());
        assignments.value().forEach(assignment -> values.apply(assignment, problems));
        values.checkTogether(problems);
        return new Parsed<>(values.build(hostnames), problems);
    }

    /** The known keys set in {@code file}, values not yet parsed, with the problems of the lines themselves. */
    Parsed<List<SettingAssignment>> readAssignments(Path file) {
        Path path = file.toAbsolutePath().normalize();
        List<ConfigProblem> problems = new ArrayList<>();
        List<SettingAssignment> assignments = new ArrayList<>();
        try {
            List<String> lines = ConfigFiles.lines(path);
            for (int i = 0; i < lines.size(); i++) {
                readLine(lines.get(i), Origin.of(path, i + 1), problems).ifPresent(assignments::add);
            }
        } catch (IOException e) {
            problems.add(ConfigFiles.unreadable(path, e));
        }
        return new Parsed<>(assignments, problems);
    }

    private static Optional<SettingAssignment> readLine(String line, Origin origin, List<ConfigProblem> problems) {
        Optional<ShellAssignment> parsed;
        try {
            parsed = ShellAssignment.parse(line);
        } catch (BadValueException e) {
            problems.add(new ConfigProblem(origin, "", e.getMessage()));
            return Optional.empty();
        }
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String name = parsed.get().name();
        Optional<SettingKey<?>> key = SettingKeys.byName(name);
        if (key.isEmpty()) {
            problems.add(new ConfigProblem(origin, name, SettingKeys.looksLikeSecret(name)
                    ? SettingKeys.secretRefusal("host.conf", SettingKeys.SMTP_PASSWORD_FILE.name())
                    : "unknown key;" + KeySuggestion.didYouMean(name, SettingKeys.names()) + " known keys are "
                            + SettingKeys.knownNames()));
            return Optional.empty();
        }
        try {
            return Optional.of(new SettingAssignment(key.get(), parsed.get().value(), origin, name));
        } catch (BadValueException e) {
            problems.add(new ConfigProblem(origin, name, e.getMessage()));
            return Optional.empty();
        }
    }
}
