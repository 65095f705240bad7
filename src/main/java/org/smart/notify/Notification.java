package org.smart.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One message to the operators, composed by the caller and delivered by every {@link Channel}.
 *
 * @param id        unique id, also part of spool file names (letters, digits, '.', '_', '-')
 * @param kind      what the notification is about
 * @param host      the host it concerns
 * @param service   the service it concerns, or null for a general message
 * @param subject   one-line subject
 * @param body      plain-text body
 * @param details   machine-readable facts (status code, state, output, action, final state…) for the
 *                  webhook and command channels, in insertion order
 * @param createdAt when the notification was composed
 */
public record Notification(String id, NotificationKind kind, String host, String service, String subject,
                           String body, Map<String, String> details, Instant createdAt) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    public Notification {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("notification id '" + id + "' must be 1-100 letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        details = copyOf(details);
    }

    /** A fresh id: the creation time (so ids sort by age) plus 32 random bits. */
    public static String newId(Instant createdAt) {
        return ID_TIME.format(createdAt) + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt());
    }

    /** Starts a notification created at {@code createdAt} (take it from the run's Clock). */
    public static Builder builder(NotificationKind kind, String host, Instant createdAt) {
        return new Builder(kind, host, createdAt);
    }

    /** "host/service", or the host alone for a general message. */
    public String target() {
        return service == null ? host : host + "/" + service;
    }

    private static Map<String, String> copyOf(Map<String, String> details) {
        if (details == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null) {
                throw new IllegalArgumentException("notification detail '" + key + "' has no name or no value");
            }
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Collects the parts of a {@link Notification}; subject and body default to empty. */
    public static final class Builder {
        private final NotificationKind kind;
        private final String host;
        private final Instant createdAt;
        private String service;
        private String subject = "";
        private String body = "";
        private final Map<String, String> details = new LinkedHashMap<>();

        private Builder(NotificationKind kind, String host, Instant createdAt) {
            this.kind = kind;
            this.host = host;
            this.createdAt = createdAt;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder detail(String key, String value) {
            details.put(key, value);
            return this;
        }

        public Builder details(Map<String, String> more) {
            details.putAll(more);
            return this;
        }

        public Notification build() {
            return new Notification(newId(createdAt), kind, host, service, subject, body, details, createdAt);
        }
    }
}
