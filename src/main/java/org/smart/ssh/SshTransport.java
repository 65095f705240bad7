package org.smart.ssh;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/**
 * SMART's SSH side: one MINA {@link SshClient} for the whole agent, started once and closed on shutdown, and the
 * {@link SshConnection}s (one per remote host) made from it.
 *
 * <p>Threads: MINA's few I/O threads are shared by all hosts, so nothing here ever blocks them. Timers run on
 * one scheduler thread and only do non-blocking work. Connection attempts (DNS, TCP connect, key exchange,
 * login) each get a thread of their own, bounded by the host's connect timeout, so a dead or black-holed host
 * cannot hold up any other. Results are handed to callers on a separate cached pool, so a caller that blocks in
 * a callback stalls only itself.
 */
public final class SshTransport implements AutoCloseable {
    private final SshClient client;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService callbacks;
    private final SessionOpener opener;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final List<SshConnection> connections = new CopyOnWriteArrayList<>();

    private SshTransport(Clock clock, Function<String, String> env) {
        this.clock = clock;
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("smart-ssh-timer"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.callbacks = Executors.newCachedThreadPool(daemonThreads("smart-ssh-result"));
        this.client = newClient();
        this.opener = new SessionOpener(client, env, scheduler);
    }

    /** Starts the transport with the system clock and the process environment (for passphrases). */
    public static SshTransport start() {
        return start(Clock.systemUTC(), System::getenv);
    }

    /**
     * @param clock stamps host state changes
     * @param env   looks up environment variables named by {@link PassphraseSource#environment(String)}
     */
    public static SshTransport start(Clock clock, Function<String, String> env) {
        SshTransport transport = new SshTransport(clock, env);
        transport.client.start();
        return transport;
    }

    /** A new connection to the host; it connects lazily, on first use or {@link SshConnection#connect()}. */
    public SshConnection connection(RemoteHostSpec host) {
        SshConnection connection = new SshConnection(host, this);
        connections.add(connection);
        return connection;
    }

    @Override
    public void close() {
        connections.forEach(SshConnection::close);
        client.stop();
        scheduler.shutdownNow();
        callbacks.shutdown();
    }

    SessionOpener opener() {
        return opener;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ExecutorService callbacks() {
        return callbacks;
    }

    Clock clock() {
        return clock;
    }

    /** A fresh unguessable token (32 hex digits) for framing remote output. */
    String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    void forget(SshConnection connection) {
        connections.remove(connection);
    }

    private static SshClient newClient() {
        SshClient client = SshClient.setUpDefaultClient();
        // Only what the RemoteHostSpec says: no ~/.ssh/config, no default keys, public key login only.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        // AES-GCM first: the JDK runs it on the CPU's AES instructions, MINA's ChaCha20 is plain Java.
        client.setCipherFactoriesNames("aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr",
                "aes256-ctr", "chacha20-poly1305@openssh.com");
        client.setServerKeyVerifier((session, address, key) -> {
            HostKeyCheck check = hostKeyCheck(session);
            return check != null && check.verify(key);
        });
        return client;
    }

    private static HostKeyCheck hostKeyCheck(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        return context == null ? null : context.getAttribute(HostKeyCheck.KEY);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
