package org.smart.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;

/**
 * Reads the original SMART's {@code services.conf}: one service a line, ten {@code ;}-separated fields
 * (spaces and TABs around a field are ignored, and so is one trailing {@code ;}); lines starting with
 * {@code #} and blank lines are ignored.
 *
 * <pre>
 * NAME;process_name[:port];process_param;max_procs;min_procs;start_command;pid_file;sock_file;start_mode;check_script
 * IMAP;couriertcpd:143;imapd;10;1;/usr/lib/courier/imapd.rc;/var/run/imapd.pid;;1;imap.nag
 * </pre>
 *
 * <p>Rules: no field holds a control character (a TAB inside a field included); NAME, process_name,
 * max_procs, min_procs and start_mode must not be empty; NAME is unique and a safe name
 * ({@link org.smart.model.SafeName}); the start command can be split into words;
 * the port is 1-65535; the counts are whole numbers with min_procs &lt;= max_procs ({@code 0;0} means no
 * process test); start_mode is 0 or 1; check_script is the name (without {@code /}) of an executable
 * file in the {@code scripts/} directory next to services.conf. A relative pid_file or sock_file is
 * taken relative to the directory holding services.conf, so a configuration can be moved as a whole.
 *
 * <p>A line that breaks a rule is reported (file, line, field and the offending value) and skipped;
 * every other line still loads.
 */
public final class ServicesConfParser {

    /** The fields of a line, in order; smart.conf(5) lists them from here ({@link ConfigReference}). */
    static final List<String> FIELDS = List.of("NAME", "process_name[:port]", "process_param",
            "max_procs", "min_procs", "start_command", "pid_file", "sock_file", "start_mode", "check_script");

    /** The services declared in {@code file}, and a problem for each line that was skipped. */
    public Parsed<List<ServiceSpec>> parse(Path file) {
        Path path = file.toAbsolutePath().normalize();
        ServiceRules rules = new ServiceRules(path.getParent());
        ServiceNames names = new ServiceNames();
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            List<String> lines = ConfigFiles.lines(path);
            for (int i = 0; i < lines.size(); i++) {
                Origin origin = Origin.of(path, i + 1);
                parseLine(lines.get(i), origin, rules, problems)
                        .ifPresent(spec -> names.add(spec, label(0), problems));
            }
        } catch (IOException e) {
            problems.add(ConfigFiles.unreadable(path, e));
        }
        return new Parsed<>(names.services(), problems);
    }

    private static Optional<ServiceSpec> parseLine(String line, Origin origin, ServiceRules rules,
                                                   List<ConfigProblem> problems) {
        String trimmed = trimBlanks(line);
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return Optional.empty();
        }
        List<String> fields = Arrays.stream(trimmed.split(";", -1)).map(ServicesConfParser::trimBlanks).toList();
        if (fields.size() == FIELDS.size() + 1 && fields.get(FIELDS.size()).isEmpty()) {
            fields = fields.subList(0, FIELDS.size());
        }
        if (fields.size() != FIELDS.size()) {
            problems.add(new ConfigProblem(origin, "", "found " + fields.size() + " fields, expected "
                    + FIELDS.size() + " (" + String.join(";", FIELDS) + ")"));
            return Optional.empty();
        }
        return toSpec(fields, origin, rules, new FieldCheck(field -> origin, problems));
    }

    private static Optional<ServiceSpec> toSpec(List<String> f, Origin origin, ServiceRules rules, FieldCheck check) {
        String name = check.get(label(0), () -> ConfigText.serviceName(f.get(0)));
        ProcessAddress process = check.get(label(1), () -> ProcessAddress.parse(ConfigText.printable(f.get(1))));
        String processParam = check.get(label(2), () -> ConfigText.printable(f.get(2)));
        Integer max = check.get(label(3), () -> Values.wholeNumber(ConfigText.printable(f.get(3))));
        Integer min = check.get(label(4), () -> Values.wholeNumber(ConfigText.printable(f.get(4))));
        if (min != null && max != null) {
            check.verify(label(4), () -> ServiceRules.bounds(min, max, FIELDS.get(3)));
        }
        String startCommand = check.get(label(5), () -> rules.startCommand(f.get(5)));
        if (startCommand != null) {
            check.note(label(5), () -> rules.startProgram(startCommand));
        }
        Path pidFile = check.get(label(6), () -> rules.path(f.get(6)));
        Path sockFile = check.get(label(7), () -> rules.path(f.get(7)));
        StartMode startMode = check.get(label(8), () -> startMode(ConfigText.printable(f.get(8))));
        String checkScript = check.get(label(9), () -> rules.checkScript(f.get(9)));
        if (check.failed()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceSpec(name, process.name(), process.port(), processParam, max, min, startCommand,
                pidFile, sockFile, startMode, checkScript, origin, ServicePolicy.DEFAULT));
    }

    /**
     * A field without the spaces and TABs that lay the line out; any other white space is part of the field
     * (and a control character in it a problem).
     */
    private static String trimBlanks(String field) {
        int start = 0;
        int end = field.length();
        while (start < end && isBlank(field.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(field.charAt(end - 1))) {
            end--;
        }
        return field.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** How messages name field {@code index} (0-based): {@code field 4 (max_procs)}. */
    private static String label(int index) {
        return "field " + (index + 1) + " (" + FIELDS.get(index) + ")";
    }

    private static StartMode startMode(String text) throws BadValueException {
        return switch (Values.required(text)) {
            case "0" -> StartMode.PLAIN;
            case "1" -> StartMode.INIT_SCRIPT;
            default -> throw new BadValueException("'" + text
                    + "' is not 0 (run the start command as it is) or 1 (init script: add start/stop)");
        };
    }

    /** Field 2: the process name and the optional TCP port after a colon. */
    private record ProcessAddress(String name, int port) {

        static ProcessAddress parse(String text) throws BadValueException {
            int colon = Values.required(text).indexOf(':');
            if (colon < 0) {
                return new ProcessAddress(text, 0);
            }
            if (colon == 0) {
                throw new BadValueException("the process name before ':' must not be empty in '" + text + "'");
            }
            return new ProcessAddress(text.substring(0, colon), Values.port(text.substring(colon + 1)));
        }
    }
}
