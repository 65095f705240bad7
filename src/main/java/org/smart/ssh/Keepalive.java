package org.smart.ssh;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * Finds a peer that stopped answering although its TCP connection looks fine (a hung or frozen sshd, a dropped
 * route): every interval it sends a global request that wants a reply, as OpenSSH's ServerAliveInterval does, and
 * closes the session when too many in a row went unanswered. Any reply counts, a refusal included. (MINA's own
 * heartbeat reads its settings when the session object is built, before a per-host value could be set.)
 */
final class Keepalive {
    private static final String REQUEST = "keepalive@openssh.com";

    private final Link link;
    private final int maxMissed;
    private final Duration interval;
    private final AtomicInteger unanswered = new AtomicInteger();

    private Keepalive(Link link, Duration interval, int maxMissed) {
        this.link = link;
        this.interval = interval;
        this.maxMissed = maxMissed;
    }

    static void start(Link link, Duration interval, int maxMissed, ScheduledExecutorService scheduler) {
        Keepalive keepalive = new Keepalive(link, interval, maxMissed);
        long millis = interval.toMillis();
        ScheduledFuture<?> probes = scheduler.scheduleAtFixedRate(keepalive::probe, millis, millis, TimeUnit.MILLISECONDS);
        link.session().addCloseFutureListener(closed -> probes.cancel(false));
    }

    private void probe() {
        if (unanswered.get() >= maxMissed) {
            link.close("no answer to " + maxMissed + " keepalive probes sent " + SshConnection.seconds(interval)
                    + " apart");
            return;
        }
        unanswered.incrementAndGet();
        try {
            ClientSession session = link.session();
            Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, REQUEST.length() + 8);
            buffer.putString(REQUEST);
            buffer.putBoolean(true);
            session.request(buffer, REQUEST, (command, reply) -> unanswered.set(0));
        } catch (IOException | RuntimeException e) {
            link.close("keepalive failed: " + ChannelRun.describe(e));
        }
    }
}
