package org.smart.daemon;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.smart.check.ServiceCheck;
import org.smart.notify.Notification;
import org.smart.notify.NotificationKind;
import org.smart.state.CheckState;
import org.smart.state.ServiceRuntimeState;

/**
 * Words for a {@link ServiceEvent}: a subject an operator can act on from the inbox, a body with the
 * facts, and the same facts as details for the webhook ({@code details}) and the command channel
 * ({@code SMART_STATUS}, {@code SMART_STATE}, {@code SMART_REASON}…).
 */
final class NotificationComposer {

    private final String hostname;

    NotificationComposer(String hostname) {
        this.hostname = hostname;
    }

    Notification compose(ServiceEvent event, Instant now) {
        Map<String, String> details = details(event);
        return Notification.builder(kind(event.kind()), hostname, now)
                .service(event.service())
                .subject("[SMART] " + hostname + ": " + headline(event))
                .body(body(event, details))
                .details(details)
                .build();
    }

    /** One line saying what happened, also logged. */
    static String headline(ServiceEvent event) {
        ServiceRuntimeState s = event.state();
        String name = event.service();
        return switch (event.kind()) {
            case PROBLEM -> name + " is " + stateText(event);
            case REMINDER -> name + " is still " + stateText(event);
            case RECOVERY -> name + " is OK again";
            case FLAPPING_STARTED -> name + " is flapping (" + percent(s) + " state changes): no restarts and no"
                    + " problem notifications until it settles";
            case FLAPPING_ENDED -> name + " stopped flapping (" + percent(s) + " state changes), now "
                    + s.check().state();
            case GIVEN_UP -> "gave up restarting " + name + " after " + s.restarts().counted()
                    + " restart(s) that did not keep it OK for " + event.spec().policy().restartLimit().checks()
                    + " checks in a row; run 'smart reset " + name + "' once it is fixed";
            case RESTARTED -> restartHeadline(event);
        };
    }

    private static String restartHeadline(ServiceEvent event) {
        if (event.restart() == null) {
            return event.service() + " could not be restarted: " + event.note();
        }
        return event.restart().succeeded() ? event.service() + " restarted, now OK"
                : event.service() + " restart FAILED, still " + event.restart().after().state();
    }

    private static String stateText(ServiceEvent event) {
        CheckState check = event.state().check();
        String status = event.check() == null ? "" : " (status " + event.check().statusText() + ")";
        return check.state() + status;
    }

    private static String percent(ServiceRuntimeState s) {
        return String.format(Locale.ROOT, "%.1f%%", s.flapping().percent());
    }

    private static NotificationKind kind(ServiceEvent.Kind kind) {
        return switch (kind) {
            case PROBLEM, REMINDER -> NotificationKind.PROBLEM;
            case RECOVERY -> NotificationKind.RECOVERY;
            case FLAPPING_STARTED -> NotificationKind.FLAPPING_START;
            case FLAPPING_ENDED -> NotificationKind.FLAPPING_END;
            case GIVEN_UP -> NotificationKind.GIVEN_UP;
            case RESTARTED -> NotificationKind.SERVICE_ACTION;
        };
    }

    private static Map<String, String> details(ServiceEvent event) {
        ServiceRuntimeState s = event.state();
        ServiceCheck check = event.check();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("event", event.kind().name());
        details.put("state", s.check().state().name());
        details.put("state_type", s.check().type().name());
        details.put("attempt", s.check().attempt() + "/" + event.spec().policy().maxCheckAttempts());
        if (check != null) {
            details.put("status", check.statusText());
            details.put("reason", check.reason());
        }
        if (event.blockedBy() != null) {
            details.put("blocked_by", event.blockedBy());
        }
        details.put("flapping", String.valueOf(s.flapping().flapping()));
        details.put("flapping_value", String.format(Locale.ROOT, "%.1f", s.flapping().percent()));
        details.put("given_up", String.valueOf(s.restarts().givenUp()));
        details.put("restarts", String.valueOf(s.restarts().counted()));
        if (event.restart() != null) {
            details.put("action", "restart");
            details.put("outcome", event.restart().succeeded() ? "OK" : "FAILED");
            details.put("final_state", event.restart().after().state().name());
        }
        if (!event.note().isEmpty()) {
            details.put("note", event.note());
        }
        return details;
    }

    private String body(ServiceEvent event, Map<String, String> details) {
        StringBuilder body = new StringBuilder();
        line(body, "Host", hostname);
        line(body, "Service", event.service());
        line(body, "Event", headline(event));
        details.forEach((key, value) -> {
            if (!key.equals("event")) {
                line(body, key, value);
            }
        });
        if (event.restart() != null) {
            body.append("Steps:\n");
            event.restart().steps().forEach(step -> body.append("  - ").append(step).append('\n'));
        }
        if (event.state().restarts().givenUp()) {
            body.append("\nSMART no longer restarts ").append(event.service()).append(". Once it is fixed, run\n  smart reset ")
                    .append(event.service()).append("\nor change its configuration and reload the daemon.\n");
        }
        return body.toString();
    }

    private static void line(StringBuilder body, String label, String value) {
        body.append(String.format("%-15s %s%n", label + ":", value));
    }
}
