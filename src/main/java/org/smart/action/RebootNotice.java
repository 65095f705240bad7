package org.smart.action;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.smart.check.ServiceCheck;
import org.smart.check.State;
import org.smart.notify.Notification;
import org.smart.notify.NotificationKind;

/**
 * The general notification {@code --reboot} sends before REBOOT_COMMAND: one text, whether a one-shot run
 * reboots or the daemon it handed the reboot to, so the inbox reads the same either way.
 */
public final class RebootNotice {

    /**
     * One service as it was found before the reboot.
     *
     * @param service    its name
     * @param state      OK, WARN, DOWN or UNREACHABLE; or what the daemon knows instead (PENDING, a mode)
     * @param statusText its status code, or "-" when none applies
     * @param reason     why, in the check's words
     */
    public record Line(String service, String state, String statusText, String reason) {

        public static Line of(ServiceCheck check) {
            return new Line(check.spec().name(), check.state().name(), check.statusText(), check.reason());
        }
    }

    private RebootNotice() {
    }

    /** @param invoker who asked for the reboot (the sudo user, or the control socket's caller) */
    public static Notification of(String hostname, String rebootCommand, String invoker, List<Line> services,
                                  Instant now) {
        String summary = summarize(services);
        StringBuilder body = new StringBuilder()
                .append("SMART is rebooting ").append(hostname).append(" with '").append(rebootCommand)
                .append("', as ").append(invoker).append(" asked (--reboot).\n")
                .append("\nServices before the reboot: ").append(summary).append("\n\n");
        for (Line line : services) {
            body.append(String.format("  %-20s %-5s (status %s) %s%n", line.service(), line.state(), line.statusText(),
                    line.reason()));
        }
        return Notification.builder(NotificationKind.GENERAL, hostname, now)
                .subject("[SMART] " + hostname + ": rebooting now (--reboot by " + invoker + ")")
                .body(body.toString()).detail("action", "reboot").detail("summary", summary).build();
    }

    /** "3 OK, 1 DOWN": the states in their usual order, anything else after them. */
    private static String summarize(List<Line> services) {
        Map<String, Long> counts = services.stream().collect(Collectors.groupingBy(Line::state, LinkedHashMap::new,
                Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> Integer.compare(rank(a), rank(b))))
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static int rank(String state) {
        int known = State.NAMES.indexOf(state);
        return known >= 0 ? known : State.NAMES.size();
    }
}
