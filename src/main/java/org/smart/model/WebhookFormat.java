package org.smart.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The shape of the body a webhook gets ({@code WEBHOOK_FORMAT}). */
public enum WebhookFormat {
    /** The whole notification as JSON: id, kind, host, service, subject, body, details, created_at. */
    JSON,
    /** {@code {"text": "subject\n\nbody"}}: what Slack, Mattermost, Rocket.Chat and Teams' incoming webhooks post. */
    TEXT;

    /** How it is written in the configuration. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WebhookFormat> byConfigName(String text) {
        return Arrays.stream(values()).filter(format -> format.configName().equals(text)).findFirst();
    }

    /** {@code json or text}, for messages. */
    public static String choices() {
        return Arrays.stream(values()).map(WebhookFormat::configName).collect(Collectors.joining(" or "));
    }
}
