package org.smart.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A notification not yet delivered through one channel, as kept in the spool: one file per
 * notification and channel.
 *
 * @param file         the spool file holding it
 * @param channel      name of the channel that still has to deliver it
 * @param notification the notification
 * @param attempts     failed delivery attempts so far
 * @param nextAttempt  the earliest time a regular flush retries it
 * @param lastError    why the last attempt failed, or null before the first attempt
 */
public record PendingDelivery(Path file, String channel, Notification notification, int attempts,
                              Instant nextAttempt, String lastError) {

    static PendingDelivery fresh(Path file, String channel, Notification n, Instant now) {
        return new PendingDelivery(file, channel, n, 0, now, null);
    }

    PendingDelivery failedAgain(String reason, Instant now, Backoff backoff) {
        int failed = attempts + 1;
        return new PendingDelivery(file, channel, notification, failed, now.plus(backoff.after(failed)), reason);
    }

    boolean isDue(Instant now) {
        return !nextAttempt.isAfter(now);
    }

    ObjectNode toJson() {
        ObjectNode node = NotificationJson.MAPPER.createObjectNode();
        node.put("channel", channel);
        node.put("attempts", attempts);
        node.put("next_attempt", nextAttempt.toString());
        node.put("last_error", lastError);
        node.set("notification", NotificationJson.toJson(notification));
        return node;
    }

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    static PendingDelivery fromJson(Path file, JsonNode node) {
        String channel = NotificationJson.text(node, "channel");
        JsonNode attempts = node.path("attempts");
        if (!attempts.isIntegralNumber() || !attempts.canConvertToInt() || attempts.asInt() < 0) {
            throw new IllegalArgumentException("field 'attempts' is missing or not a count");
        }
        Instant nextAttempt = NotificationJson.instant(node, "next_attempt");
        JsonNode lastError = node.path("last_error");
        JsonNode notification = node.path("notification");
        if (!notification.isObject()) {
            throw new IllegalArgumentException("field 'notification' is missing or not an object");
        }
        return new PendingDelivery(file, channel, NotificationJson.fromJson(notification), attempts.asInt(),
                nextAttempt, lastError.isTextual() ? lastError.asText() : null);
    }
}
