package org.smart.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Opens one authenticated SSH session to a host: TCP connect, key exchange with the host key check, public key
 * login. Blocks the calling thread (SMART gives each attempt a thread of its own), but never longer than the
 * host's connect timeout for all steps together.
 */
final class SessionOpener {

    private final SshClient client;
    private final Function<String, String> env;
    private final ScheduledExecutorService scheduler;
    private final Object knownHostsLock = new Object();

    /**
     * @param env       looks up passphrase environment variables
     * @param scheduler runs keepalive probes
     */
    SessionOpener(SshClient client, Function<String, String> env, ScheduledExecutorService scheduler) {
        this.client = client;
        this.env = env;
        this.scheduler = scheduler;
    }

    /** An authenticated session, or a {@link ConnectFailure} that says why there is none. */
    Link open(RemoteHostSpec host) throws ConnectFailure {
        long deadline = System.nanoTime() + host.connectTimeout().toNanos();
        KeyPair identity = loadIdentity(host);
        HostKeyCheck hostKey = new HostKeyCheck(host, knownHostsLock);
        ClientSession session = connect(host, hostKey, deadline);
        Link link = new Link(session);
        try {
            session.addSessionListener(new LossRecorder(link));
            session.addPublicKeyIdentity(identity);
            session.auth().verify(remaining(deadline), CancelOption.CANCEL_ON_TIMEOUT);
            Keepalive.start(link, host.keepaliveInterval(), RemoteHostSpec.KEEPALIVE_MAX_MISSED, scheduler);
            return link;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw failure(host, hostKey, "SSH key exchange or login", e);
        }
    }

    private KeyPair loadIdentity(RemoteHostSpec host) throws ConnectFailure {
        try {
            return IdentityLoader.load(host.identityFile(), host.passphrase(), env);
        } catch (IdentityException e) {
            throw new ConnectFailure(e.getMessage());
        }
    }

    private ClientSession connect(RemoteHostSpec host, HostKeyCheck hostKey, long deadline) throws ConnectFailure {
        try {
            ConnectFuture connecting = client.connect(host.user(), host.address(), host.port(),
                    AttributeRepository.ofKeyValuePair(HostKeyCheck.KEY, hostKey), null);
            return connecting.verify(remaining(deadline), CancelOption.CANCEL_ON_TIMEOUT).getClientSession();
        } catch (IOException | RuntimeException e) {
            throw failure(host, hostKey, "TCP connect", e);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }

    private static ConnectFailure failure(RemoteHostSpec host, HostKeyCheck hostKey, String step, Throwable e) {
        if (hostKey.refusal() != null) {
            return new ConnectFailure(hostKey.refusal());
        }
        String target = host.user() + "@" + host.address() + ":" + host.port();
        Throwable root = rootCause(e);
        if (root instanceof ConnectException) {
            return new ConnectFailure("connection to " + target + " refused");
        }
        if (root instanceof UnknownHostException) {
            return new ConnectFailure("cannot resolve host name " + host.address());
        }
        if (root instanceof NoRouteToHostException) {
            return new ConnectFailure("no route to " + target);
        }
        String message = ChannelRun.describe(root);
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("timeout") || lower.contains("timed out")) {
            return new ConnectFailure(step + " to " + target + " did not finish within "
                    + host.connectTimeout().toMillis() + " ms");
        }
        if (message.contains("No more authentication methods")) {
            return new ConnectFailure("the server refused the login of " + target + " with identity "
                    + host.identityFile());
        }
        return new ConnectFailure(step + " to " + target + " failed: " + message);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Keeps the first reason MINA gives for a session ending, for the host's DOWN message. */
    private static final class LossRecorder implements SessionListener {
        private final Link link;

        LossRecorder(Link link) {
            this.link = link;
        }

        @Override
        public void sessionException(Session session, Throwable t) {
            link.noteLoss(ChannelRun.describe(t));
        }

        @Override
        public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
            link.noteLoss((initiator ? "disconnected: " : "disconnected by the server: ") + msg);
        }
    }

    /** No session could be opened; the message is the reason, ready for the host's DOWN state. */
    static final class ConnectFailure extends Exception {
        ConnectFailure(String message) {
            super(message);
        }
    }
}
