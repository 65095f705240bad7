package org.smart.notify;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a {@link Outbox#send} or {@link Outbox#flush} did: one outcome per notification and channel,
 * plus the problems met reading the spool (corrupt files set aside, a spool busy in another process).
 */
public record DeliveryReport(List<Outcome> outcomes, List<String> spoolProblems) {

    public DeliveryReport {
        outcomes = List.copyOf(outcomes);
        spoolProblems = List.copyOf(spoolProblems);
    }

    /**
     * One notification through one channel.
     *
     * @param channel        the channel's name
     * @param notificationId the notification's id
     * @param failure        why it was not delivered, or null when it was
     * @param keptAt         the spool file that keeps it for a later attempt, or null when delivered
     *                       or (worst case) when even the spool could not be written
     */
    public record Outcome(String channel, String notificationId, String failure, Path keptAt) {

        static Outcome delivered(String channel, String notificationId) {
            return new Outcome(channel, notificationId, null, null);
        }

        public boolean delivered() {
            return failure == null;
        }

        /** "mail: delivered ID" or "mail: failed ID: REASON; kept in spool at PATH". */
        public String describe() {
            if (delivered()) {
                return channel + ": delivered " + notificationId;
            }
            String where = keptAt == null ? "NOT kept: the spool could not be written" : "kept in spool at " + keptAt;
            return channel + ": failed " + notificationId + ": " + failure + "; " + where;
        }
    }

    public List<String> delivered(String channel) {
        return outcomes.stream().filter(o -> o.channel().equals(channel) && o.delivered())
                .map(Outcome::notificationId).toList();
    }

    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> !o.delivered()).toList();
    }

    public List<Outcome> failures(String channel) {
        return failures().stream().filter(o -> o.channel().equals(channel)).toList();
    }

    public boolean allDelivered() {
        return failures().isEmpty();
    }

    /** One line per outcome, then one per spool problem, for the run's output. */
    public List<String> lines() {
        return Stream.concat(outcomes.stream().map(Outcome::describe), spoolProblems.stream()).toList();
    }
}
