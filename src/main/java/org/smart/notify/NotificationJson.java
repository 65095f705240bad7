package org.smart.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a notification, shared by the webhook body and the spool files:
 * {@code id, kind, host, service, subject, body, details, created_at} (ISO-8601).
 */
final class NotificationJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private NotificationJson() {
    }

    static ObjectNode toJson(Notification n) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", n.id());
        node.put("kind", n.kind().name());
        node.put("host", n.host());
        node.put("service", n.service());
        node.put("subject", n.subject());
        node.put("body", n.body());
        ObjectNode details = node.putObject("details");
        n.details().forEach(details::put);
        node.put("created_at", n.createdAt().toString());
        return node;
    }

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    static Notification fromJson(JsonNode node) {
        Map<String, String> details = new LinkedHashMap<>();
        JsonNode detailsNode = node.path("details");
        if (!detailsNode.isObject()) {
            throw new IllegalArgumentException("field 'details' is missing or not an object");
        }
        detailsNode.properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
        JsonNode service = node.path("service");
        return new Notification(text(node, "id"), kind(text(node, "kind")), text(node, "host"),
                service.isTextual() ? service.asText() : null, text(node, "subject"), text(node, "body"),
                details, instant(node, "created_at"));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' is not an ISO-8601 instant: '" + value + "'", e);
        }
    }

    private static NotificationKind kind(String value) {
        try {
            return NotificationKind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'kind' has unknown value '" + value + "'", e);
        }
    }
}
