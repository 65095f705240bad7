package org.smart.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smart.control.ControlClient;
import org.smart.control.ControlReply;
import org.smart.control.ControlRequest;
import org.smart.control.RebootAnswer;
import org.smart.control.ServiceOutcome;
import org.smart.model.HostSettings;

/**
 * A command handed to the running daemon and its answer shown: one line per service (and the steps of a
 * restart, start or stop), or JSON. The exit status is Nagios-like: 0 done (and OK), 1 not done for some
 * service or WARN after it, 2 some service DOWN or UNREACHABLE after it, 3 no daemon, not allowed, or a
 * request the daemon refused.
 */
final class DaemonRequest {

    static final int EXIT_REFUSED = 3;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private DaemonRequest() {
    }

    /** Long enough for the slowest command: a restart waiting for another, then its own stop, start and checks. */
    static Duration patience(HostSettings settings) {
        return settings.stopTimeout().plus(settings.startTimeout()).plus(settings.checkTimeout().multipliedBy(2))
                .multipliedBy(2).plusSeconds(30);
    }

    /**
     * For a handed-over {@code --reboot}: every service checked (as {@link #patience}), the notification's
     * channels each within their limit, and REBOOT_COMMAND's own minute.
     */
    static Duration rebootPatience(HostSettings settings) {
        return patience(settings).plus(settings.notifyTimeout().multipliedBy(2)).plusSeconds(30 + 60);
    }

    /** Sends {@code request}; the reply, or null when it could not be had (the reason printed). */
    static ControlReply send(Path stateDir, ControlRequest request, Duration patience, PrintWriter err) {
        try {
            return new ControlClient(stateDir).ask(request, patience);
        } catch (IOException e) {
            err.println("smart: " + e.getMessage());
            return null;
        }
    }

    /** Prints the answer and returns the exit status. */
    static int show(String command, ControlReply reply, boolean json, PrintWriter out, PrintWriter err) {
        if (reply.refused()) {
            if (json) {
                out.print(json(Map.of("command", command, "error", reply.error())));
            } else {
                err.println("smart: " + command + ": " + reply.error());
            }
            return EXIT_REFUSED;
        }
        if (json) {
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("command", command);
            top.put("services", reply.results());
            out.print(json(top));
        } else {
            for (ServiceOutcome outcome : reply.results()) {
                out.println(outcome.service() + ": " + outcome.message());
                outcome.steps().forEach(step -> out.println("    " + step));
            }
        }
        return exitCode(reply.results());
    }

    /**
     * Prints what the daemon did with a {@code --reboot}: the services as found before it, the notification's
     * fate, the reboot line and what became of the daemon's restarts. The exit status is a one-shot
     * {@code --reboot}'s: by the services' states, at least 1 when the notification waits in a spool, 2 when
     * REBOOT_COMMAND failed.
     */
    static int showReboot(ControlReply reply, boolean json, PrintWriter out, PrintWriter err) {
        RebootAnswer reboot = reply.reboot();
        if (reply.refused() || reboot == null) {
            return show("reboot", reply.refused() ? reply
                    : ControlReply.refused("the daemon did not say what it did (an older daemon?)"), json, out, err);
        }
        if (json) {
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("command", "reboot");
            top.put("services", reply.results());
            top.put("reboot", reboot);
            out.print(json(top));
        } else {
            for (ServiceOutcome outcome : reply.results()) {
                out.println(outcome.service() + ": " + outcome.message());
            }
            reboot.notifications().forEach(line -> out.println("notification " + line));
            out.println(reboot.line());
            out.println(reboot.restarts());
        }
        int worst = exitCode(reply.results());
        if (reboot.notificationFailed()) {
            worst = Math.max(worst, 1);
        }
        return reboot.succeeded() ? worst : Math.max(worst, 2);
    }

    static int exitCode(List<ServiceOutcome> outcomes) {
        int worst = 0;
        for (ServiceOutcome outcome : outcomes) {
            int code = outcome.state() == null ? 0 : switch (outcome.state()) {
                case "WARN" -> 1;
                case "DOWN", "UNREACHABLE" -> 2;
                default -> 0;
            };
            worst = Math.max(worst, outcome.done() ? code : Math.max(1, code));
        }
        return worst;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
