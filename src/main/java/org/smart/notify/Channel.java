package org.smart.notify;

/**
 * One way of delivering notifications (mail, webhook, command). Implementations enforce their own
 * timeouts, so a dead endpoint costs at most that long, and report every failure as a
 * {@link DeliveryException}. They do not log: the {@link Outbox} logs one line per outcome.
 */
public interface Channel {

    /** Stable name, used in reports, logs and spool file names: letters, digits, '-' and '_'. */
    String name();

    void deliver(Notification notification) throws DeliveryException;
}
