package org.smart.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The daemon's answer to one request.
 *
 * @param error    why the request as a whole was refused (not allowed, unknown command or service), or null
 * @param results  one outcome per service
 * @param status   for {@code status}: the status report, as {@code smart status --json} prints it
 * @param reboot   for {@code reboot}: what the daemon did, or null
 */
public record ControlReply(String error, List<ServiceOutcome> results, JsonNode status, RebootAnswer reboot) {

    public ControlReply {
        results = results == null ? List.of() : List.copyOf(results);
    }

    public static ControlReply refused(String error) {
        return new ControlReply(error, List.of(), null, null);
    }

    public static ControlReply of(List<ServiceOutcome> results) {
        return new ControlReply(null, results, null, null);
    }

    public static ControlReply status(JsonNode status) {
        return new ControlReply(null, List.of(), status, null);
    }

    /** @param services the services as they were found before the reboot */
    public static ControlReply rebooting(List<ServiceOutcome> services, RebootAnswer reboot) {
        return new ControlReply(null, services, null, reboot);
    }

    public boolean refused() {
        return error != null;
    }
}
