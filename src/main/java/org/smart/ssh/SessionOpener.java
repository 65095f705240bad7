package org.smart.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens one authenticated SSH session to a host: TCP connect, key exchange with the host key check, public key
 * login. Blocks the calling thread (SMART gives each attempt a thread of its own), but never longer than the
 * host's connect timeout for all steps together.
 */
final class SessionOpener {
    /** Why a session ended, as first reported by MINA (an exception, or the peer's disconnect message). */
    static final AttributeKey<String> LOSS_REASON = new AttributeKey<>();
    /** OpenSSH answers this one like its own client's ServerAliveInterval probes. */
    private static final String KEEPALIVE_REQUEST = "keepalive@openssh.com";

    private final SshClient client;
    private final Function<String, String> env;
    private final Object knownHostsLock;

    SessionOpener(SshClient client, Function<String, String> env, Object knownHostsLock) {
        this.client = client;
        this.env = env;
        this.knownHostsLock = knownHostsLock;
    }

    /** An authenticated session, or a {@link ConnectFailure} that says why there is none. */
    ClientSession open(RemoteHostSpec host) throws ConnectFailure {
        long deadline = System.nanoTime() + host.connectTimeout().toNanos();
        KeyPair identity = loadIdentity(host);
        HostKeyCheck hostKey = new HostKeyCheck(host, knownHostsLock);
        ClientSession session = connect(host, hostKey, deadline);
        try {
            configure(session, host, identity);
            session.auth().verify(remaining(deadline), CancelOption.CANCEL_ON_TIMEOUT);
            return session;
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

    private static void configure(ClientSession session, RemoteHostSpec host, KeyPair identity) {
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(session, host.keepaliveInterval());
        CoreModuleProperties.HEARTBEAT_REQUEST.set(session, KEEPALIVE_REQUEST);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(session, RemoteHostSpec.KEEPALIVE_MAX_MISSED);
        session.addSessionListener(new LossRecorder());
        session.addPublicKeyIdentity(identity);
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
        @Override
        public void sessionException(Session session, Throwable t) {
            remember(session, ChannelRun.describe(t));
        }

        @Override
        public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
            remember(session, (initiator ? "disconnected: " : "disconnected by the server: ") + msg);
        }

        private static void remember(Session session, String reason) {
            session.computeAttributeIfAbsent(LOSS_REASON, k -> reason);
        }
    }

    /** No session could be opened; the message is the reason, ready for the host's DOWN state. */
    static final class ConnectFailure extends Exception {
        ConnectFailure(String message) {
            super(message);
        }
    }
}
