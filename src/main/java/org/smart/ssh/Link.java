package org.smart.ssh;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.session.ClientSession;

/**
 * An authenticated session to a host and, once it ends, the first reason given for its end (an exception, the
 * server's disconnect message, unanswered keepalives, or SMART closing it). MINA clears a session's own
 * attributes when it closes, so the reason is kept here.
 */
final class Link {
    private final ClientSession session;
    private final AtomicReference<String> loss = new AtomicReference<>();

    Link(ClientSession session) {
        this.session = session;
    }

    ClientSession session() {
        return session;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    /** Keeps the reason unless an earlier one is already kept. */
    void noteLoss(String reason) {
        loss.compareAndSet(null, reason);
    }

    /** Closes the session at once (in-flight channels end as connection failures) for the given reason. */
    void close(String reason) {
        noteLoss(reason);
        session.close(true);
    }

    /** Why the session ended, or "closed by the server" when nothing more was said. */
    String lossReason() {
        String reason = loss.get();
        return reason == null ? "closed by the server" : reason;
    }
}
