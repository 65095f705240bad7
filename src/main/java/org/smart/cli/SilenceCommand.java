package org.smart.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smart.control.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code smart silence NAME... --for DURATION}: checked and repaired, nobody notified, until it expires. */
@Command(name = "silence", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Silence services for a while: the daemon checks and repairs them but",
            "notifies nobody until the time is up (it ends by itself), or until",
            "'smart silence --clear NAME'. Kept across a restart of the daemon.", ""},
        footer = {"", "Needs a running daemon; root and members of the group CONTROL_GROUP",
            "(default 'smart') may use it.",
            "Exit status: 0 done, 3 no daemon, not allowed, unknown service, no --for,",
            "or configuration refused."})
final class SilenceCommand extends ServiceControlCommand {

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long: 90s, 30m, 2h, 1d, or seconds.")
    Duration duration;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (shown in the log).")
    String reason;

    @Option(names = "--clear", description = "End the silence now.")
    boolean clear;

    @Override
    String command() {
        return clear ? "unsilence" : "silence";
    }

    @Override
    ControlRequest request() {
        return new ControlRequest(command(), names, clear || duration == null ? null : duration.toSeconds(), reason,
                null);
    }

    @Override
    public Integer call() {
        if (!clear && duration == null) {
            spec.commandLine().getErr().println("smart: silence: say for how long with --for DURATION (e.g. --for 2h),"
                    + " or end a silence with --clear");
            return DaemonRequest.EXIT_REFUSED;
        }
        if (clear && duration != null) {
            spec.commandLine().getErr().println("smart: silence: use either --for or --clear");
            return DaemonRequest.EXIT_REFUSED;
        }
        return super.call();
    }

    /** {@code 90}, {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d{1,9})([smhd]?)");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 90s, 30m, 2h or 1d");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }
}
