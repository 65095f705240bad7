package org.smart.oneshot;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.smart.action.RebootNotice;
import org.smart.check.ServiceCheck;
import org.smart.check.State;
import org.smart.model.HostSettings;
import org.smart.notify.DeliveryReport;
import org.smart.notify.Notification;
import org.smart.notify.NotificationKind;
import org.smart.notify.Outbox;
import org.smart.policy.Action;
import org.smart.policy.ActionPlanner;
import org.smart.site.HostNotifications;
import org.smart.policy.CliMode;

/**
 * Turns a run's reports into notifications (one per service acted on, one general message for
 * {@code --all} and {@code --reboot}) and hands them to every channel's outbox (mail, webhook, command:
 * a cron run notifies like the daemon), collecting what happened to each for the run's output.
 */
public final class Notifications {

    private static final String NO_CHANNEL = "(no MAIL_TO, WEBHOOK_URL or NOTIFY_COMMAND configured)";

    private final HostSettings settings;
    private final List<Outbox> outboxes;
    private final Clock clock;
    private final boolean dryRun;
    private final List<String> lines = new ArrayList<>();
    private boolean anyFailed;

    /** @param outboxes where notifications go, one per channel; empty when no channel is configured */
    public Notifications(HostSettings settings, List<Outbox> outboxes, Clock clock, boolean dryRun) {
        this.settings = settings;
        this.outboxes = List.copyOf(outboxes);
        this.clock = clock;
        this.dryRun = dryRun;
    }

    /** Sends what earlier runs could not: a one-shot run is rare, so no backoff applies. */
    public void flushPending() {
        for (Outbox outbox : outboxes) {
            record(outbox.flush(true), "earlier notification");
        }
    }

    public void notifyServices(List<ServiceReport> reports, RunOptions options) {
        for (ServiceReport report : reports) {
            if (report.actions().contains(Action.NOTIFY)) {
                send(serviceMessage(report));
            }
        }
    }

    /**
     * One notification per remote host that is DOWN, when the run's mode acts on DOWN services (its
     * services are UNREACHABLE and get none of their own).
     */
    public void notifyHosts(List<HostReport> hosts, RunOptions options) {
        boolean notifiesDown = ActionPlanner.actionsFor(State.DOWN, options.mode(), false).contains(Action.NOTIFY);
        for (HostReport host : hosts) {
            if (!host.up() && notifiesDown) {
                send(HostNotifications.down(settings.hostname(), host.name(), host.detail(), clock.instant()));
            }
        }
    }

    public void notifyGeneral(List<ServiceReport> reports, RunOptions options) {
        send(generalMessage(reports, options));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public boolean anyFailed() {
        return anyFailed;
    }

    private void send(Notification notification) {
        if (dryRun) {
            lines.add("would notify " + recipients() + ": " + notification.subject());
        } else if (outboxes.isEmpty()) {
            lines.add("not sent " + NO_CHANNEL + ": " + notification.subject());
        } else {
            // one channel after the other: each is bounded by its own timeout, and a run notifies rarely
            for (Outbox outbox : outboxes) {
                record(outbox.send(notification), notification.subject());
            }
        }
    }

    private void record(DeliveryReport report, String what) {
        for (DeliveryReport.Outcome outcome : report.outcomes()) {
            lines.add("notification " + outcome.describe() + (outcome.delivered() ? " (" + what + ")" : ""));
        }
        report.spoolProblems().forEach(problem -> lines.add("notification spool: " + problem));
        anyFailed |= !report.allDelivered();
    }

    /** Every channel, the webhook by scheme, host and port only: its path or query often holds a token. */
    private String recipients() {
        List<String> channels = new ArrayList<>();
        if (settings.mailEnabled()) {
            channels.add(String.join(", ", settings.mailTo()));
        }
        if (settings.webhookEnabled()) {
            URI url = settings.webhookUrl();
            channels.add("webhook " + url.getScheme() + "://" + url.getHost()
                    + (url.getPort() < 0 ? "" : ":" + url.getPort()));
        }
        if (settings.notifyCommandEnabled()) {
            channels.add("NOTIFY_COMMAND");
        }
        return channels.isEmpty() ? NO_CHANNEL : String.join("; ", channels);
    }

    private Notification serviceMessage(ServiceReport report) {
        ServiceCheck before = report.before();
        String subject = "[SMART] " + settings.hostname() + ": " + report.name() + " " + before.state()
                + " (status " + before.status().code() + "), " + outcome(report);
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("status", String.valueOf(before.status().code()));
        details.put("state", before.state().name());
        details.put("reason", before.reason());
        details.put("action", report.restarted() ? "restart" : "notify");
        details.put("final_state", report.finalState().name());
        return Notification.builder(NotificationKind.SERVICE_ACTION, settings.hostname(), clock.instant())
                .service(report.name()).subject(subject).body(ServiceMessageBody.of(settings.hostname(), report)).details(details).build();
    }

    private static String outcome(ServiceReport report) {
        if (!report.planned().isEmpty()) {
            return "would be restarted";
        }
        if (!report.restarted()) {
            return "not restarted";
        }
        return report.restart().succeeded() ? "restarted, now OK"
                : "restart FAILED, still " + report.finalState();
    }

    private Notification generalMessage(List<ServiceReport> reports, RunOptions options) {
        if (options.mode() == CliMode.REBOOT) {
            return RebootNotice.of(settings.hostname(), settings.rebootCommand(), options.invoker(),
                    reports.stream().map(report -> RebootNotice.Line.of(report.before())).toList(), clock.instant());
        }
        String summary = summarize(reports, ServiceReport::after);
        String subject = "[SMART] " + settings.hostname() + ": all services restarted (--all by " + options.invoker()
                + "): " + summary;
        StringBuilder body = new StringBuilder();
        body.append("SMART restarted every service on " + settings.hostname() + ", as " + options.invoker()
                + " asked (--all).\n");
        body.append("\nServices after the restarts: ").append(summary).append("\n\n");
        for (ServiceReport report : reports) {
            ServiceCheck shown = report.after();
            body.append(String.format("  %-20s %-5s (status %s) %s%n", report.name(), shown.state(),
                    shown.statusText(), shown.reason()));
        }
        return Notification.builder(NotificationKind.GENERAL, settings.hostname(), clock.instant())
                .subject(subject).body(body.toString()).detail("action", "restart-all")
                .detail("summary", summary).build();
    }

    private static String summarize(List<ServiceReport> reports, Function<ServiceReport, ServiceCheck> which) {
        Map<State, Long> counts = reports.stream().collect(Collectors.groupingBy(r -> which.apply(r).state(),
                () -> new java.util.EnumMap<>(State.class), Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
