package org.smart.ssh;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.ssh.ChannelRun.End;
import org.smart.ssh.ChannelRun.Invocation;
import org.smart.ssh.HostState.Availability;

/**
 * The one SSH connection to one remote host, shared by every check of that host: many exec channels on a single
 * verified session (like OpenSSH's ControlMaster), at most {@code maxChannels} at once; further commands wait
 * their turn. Thread-safe, and no method blocks.
 *
 * <p>It connects on first use. When connecting fails or the session is lost, the host is DOWN and another
 * attempt is made after a growing delay; until then commands fail at once with CONNECTION_FAILED and the
 * reason, instead of stalling. Keepalive probes find a peer that went silent.
 */
public final class SshConnection implements AutoCloseable {
    /** Kept of each output stream of a command. */
    public static final int OUTPUT_CAP = 64 * 1024;
    private static final Duration KILL_BACKSTOP = Duration.ofSeconds(5);
    private static final Duration OPEN_RETRY_BUDGET = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(SshConnection.class);

    private final RemoteHostSpec host;
    private final SshTransport transport;
    private final AsyncPermits channels;
    private final SerialExecutor notifications;
    private final List<HostStateListener> listeners = new CopyOnWriteArrayList<>();

    // guarded by this
    private Link link;
    private CompletableFuture<Link> connecting;
    private long retryAtNanos;
    private boolean waitingToRetry;
    private int failures;
    private HostState state;
    private ScheduledFuture<?> retryTimer;
    private boolean closed;

    SshConnection(RemoteHostSpec host, SshTransport transport) {
        this.host = host;
        this.transport = transport;
        this.channels = new AsyncPermits(host.maxChannels(), transport.callbacks());
        this.notifications = new SerialExecutor(transport.callbacks());
        this.state = new HostState(Availability.UNKNOWN, "not connected yet", transport.clock().instant());
    }

    public RemoteHostSpec host() {
        return host;
    }

    public synchronized HostState state() {
        return state;
    }

    public void addListener(HostStateListener listener) {
        listeners.add(listener);
    }

    /** Starts connecting now instead of on first use; the future says whether it worked. */
    public CompletableFuture<HostState> connect() {
        return session().handle((s, e) -> state());
    }

    /** Runs a shell command line with the host's default command timeout. */
    public CompletableFuture<RemoteResult> exec(String command) {
        return exec(command, host.commandTimeout());
    }

    /** Runs a command with the host's default command timeout. */
    public CompletableFuture<RemoteResult> exec(RemoteCommand command) {
        return exec(command, host.commandTimeout());
    }

    /** Runs a shell command line (through the remote {@code sh -c}). */
    public CompletableFuture<RemoteResult> exec(String command, Duration timeout) {
        return exec(RemoteCommand.shell(command), timeout);
    }

    /**
     * Runs one command on its own channel. At the timeout the remote process group is killed and the result is
     * TIMED_OUT; a missing or lost connection gives CONNECTION_FAILED. The future never completes exceptionally.
     * The timeout counts from when the command gets its channel; waiting for a free channel is not counted (it
     * is bounded by the commands ahead, each bounded by its own timeout).
     */
    public CompletableFuture<RemoteResult> exec(RemoteCommand command, Duration timeout) {
        return exec(command, timeout, null);
    }

    /**
     * {@link #exec(RemoteCommand, Duration)}, and hands the first line of the command's stdout to
     * {@code firstLine} as soon as it has come, while the command may still run (on an SSH I/O thread: the
     * listener must not block). A command that prints no complete line never calls it.
     */
    public CompletableFuture<RemoteResult> exec(RemoteCommand command, Duration timeout, Consumer<String> firstLine) {
        CappedBuffer out = new CappedBuffer(OUTPUT_CAP);
        CappedBuffer err = new CappedBuffer(OUTPUT_CAP);
        OutputStream stdout = firstLine == null ? out : new FirstLineTap(out, firstLine);
        Invocation invocation = new Invocation(RemoteInvocation.command(command, timeout), null, stdout, err,
                RemoteInvocation.backstop(timeout));
        return run(invocation).thenApply(end -> SingleOutcome.of(end, out, err, timeout, host.name()));
    }

    /** {@link #execBatch(List, Duration)} with the host's default command timeout for each command. */
    public CompletableFuture<List<RemoteResult>> execBatch(List<RemoteCommand> commands) {
        return execBatch(commands, host.commandTimeout());
    }

    /**
     * Runs the commands one after another on a single channel, each with its own {@code timeout} (check_by_ssh's
     * passive mode): one channel and one remote shell for all of them. A command that hangs is killed at its
     * timeout and the rest still run. Results come in the order of the commands; output is stdout and stderr
     * merged.
     */
    public CompletableFuture<List<RemoteResult>> execBatch(List<RemoteCommand> commands, Duration timeout) {
        if (commands.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        BatchScript script = BatchScript.of(commands, timeout, newToken(), newToken(), OUTPUT_CAP);
        BatchOutputParser parser = new BatchOutputParser(script.token(), commands.size(), OUTPUT_CAP);
        CappedBuffer err = new CappedBuffer(OUTPUT_CAP);
        Invocation invocation = new Invocation(RemoteInvocation.unlimitedScript(), script.bytes(), parser, err,
                RemoteInvocation.backstop(script.limit()));
        return run(invocation).thenApply(end -> parser.results(end, timeout, err.text()));
    }

    /** Runs a sh script fed on stdin and keeps up to {@code cap} bytes of its raw stdout. */
    CompletableFuture<RawResult> execScript(byte[] script, Duration timeout, int cap) {
        CappedBuffer out = new CappedBuffer(cap);
        CappedBuffer err = new CappedBuffer(OUTPUT_CAP);
        Invocation invocation = new Invocation(RemoteInvocation.script(timeout), script, out, err,
                RemoteInvocation.backstop(timeout));
        return run(invocation).thenApply(end ->
                new RawResult(SingleOutcome.of(end, out, err, timeout, host.name()), out.bytes()));
    }

    /** A fresh unguessable token for framing remote output. */
    String newToken() {
        return transport.newToken();
    }

    /** A script's result with its stdout as bytes. */
    record RawResult(RemoteResult result, byte[] stdout) {
    }

    @Override
    public void close() {
        Link open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = link;
            link = null;
            if (retryTimer != null) {
                retryTimer.cancel(false);
            }
        }
        if (open != null) {
            open.close("connection closed by SMART");
        }
        transport.forget(this);
    }

    @Override
    public String toString() {
        return "SshConnection[" + host + ", " + state() + "]";
    }

    // --- running invocations -------------------------------------------------------------------------------

    /** A channel permit first, then the session, then the channel; results are handed over off the I/O threads. */
    private CompletableFuture<End> run(Invocation invocation) {
        CompletableFuture<End> ended = channels.acquire()
                .thenCompose(permit -> session())
                .thenCompose(s -> open(s, invocation, System.nanoTime() + OPEN_RETRY_BUDGET.toNanos(), 0)
                        .thenCompose(end -> cleanUp(s, end, invocation)))
                .exceptionally(e -> {
                    channels.release();
                    return End.notConnected(reasonOf(e));
                });
        return ended.thenApplyAsync(end -> end, transport.callbacks());
    }

    /**
     * Opens the channel and runs the invocation. sshd frees a finished channel's session slot only a moment after
     * the channel is closed, so a channel opened right after another one closed can be refused ("open failed")
     * although SMART is within {@code MaxSessions}. Such a refusal is retried after a short, growing pause until
     * the retry budget is spent; only then is it reported.
     */
    private CompletableFuture<End> open(Link s, Invocation invocation, long giveUpAt, int retries) {
        return start(s, invocation).thenCompose(end -> {
            boolean refused = end.openFailure() != null && end.exitStatus() == null && s.isOpen();
            if (!refused) {
                return CompletableFuture.completedFuture(end);
            }
            if (System.nanoTime() > giveUpAt) {
                log.warn("host {}: the server keeps refusing channels ({}); is its MaxSessions lower than"
                        + " max channels {}?", host.name(), end.openFailure(), host.maxChannels());
                return CompletableFuture.completedFuture(end);
            }
            CompletableFuture<Void> pause = new CompletableFuture<>();
            transport.scheduler().schedule(() -> pause.complete(null), Math.min(200, 2L << retries), TimeUnit.MILLISECONDS);
            return pause.thenCompose(x -> open(s, invocation, giveUpAt, retries + 1));
        });
    }

    /**
     * After a backstop (the remote side stopped answering), kills what is left of the remote process group over
     * a new channel before the permit is passed on. Best effort: the remote {@code timeout} normally did it.
     */
    private CompletableFuture<End> cleanUp(Link s, End end, Invocation invocation) {
        if (!end.backstopFired() || end.remotePid() <= 0 || !s.isOpen()) {
            channels.release();
            return CompletableFuture.completedFuture(end);
        }
        log.warn("host {}: no answer from '{}' by its backstop; killing remote process group {}", host.name(),
                invocation.commandLine(), end.remotePid());
        Invocation kill = new Invocation(RemoteInvocation.killGroup(end.remotePid()), null,
                new CappedBuffer(0), new CappedBuffer(0), KILL_BACKSTOP);
        return start(s, kill).handle((killed, e) -> {
                    channels.release();
                    return end;
                });
    }

    private CompletableFuture<End> start(Link s, Invocation invocation) {
        return ChannelRun.start(s.session(), invocation, transport.callbacks(), transport.scheduler(),
                () -> lossReason(s));
    }

    // --- the session and the host's state ------------------------------------------------------------------

    private CompletableFuture<Link> session() {
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new HostUnreachable("connection to " + host.name() + " is closed"));
            }
            if (link != null && link.isOpen()) {
                return CompletableFuture.completedFuture(link);
            }
            if (connecting != null) {
                return connecting;
            }
            if (waitingToRetry) {
                long wait = Math.max(0, retryAtNanos - System.nanoTime());
                return CompletableFuture.failedFuture(new HostUnreachable(state.reason() + "; reconnecting in "
                        + seconds(Duration.ofNanos(wait))));
            }
            CompletableFuture<Link> attempt = new CompletableFuture<>();
            connecting = attempt;
            Thread thread = new Thread(() -> attempt(attempt), "smart-ssh-connect-" + host.name());
            thread.setDaemon(true);
            thread.start();
            return attempt;
        }
    }

    private void attempt(CompletableFuture<Link> attempt) {
        Link opened;
        try {
            opened = transport.opener().open(host);
        } catch (SessionOpener.ConnectFailure e) {
            failed(attempt, e.getMessage());
            return;
        } catch (RuntimeException e) {
            failed(attempt, "connecting failed: " + ChannelRun.describe(e));
            return;
        }
        synchronized (this) {
            connecting = null;
            if (closed) {
                opened.close("connection closed by SMART");
                attempt.completeExceptionally(new HostUnreachable("connection to " + host.name() + " is closed"));
                return;
            }
            link = opened;
            failures = 0;
            waitingToRetry = false;
            if (retryTimer != null) {
                retryTimer.cancel(false);
            }
            transition(Availability.UP, "connected to " + host.address() + ":" + host.port());
        }
        opened.session().addCloseFutureListener(f -> lost(opened));
        attempt.complete(opened);
    }

    private void failed(CompletableFuture<Link> attempt, String reason) {
        synchronized (this) {
            connecting = null;
            if (!closed) {
                transition(Availability.DOWN, reason);
                scheduleRetry();
            }
        }
        attempt.completeExceptionally(new HostUnreachable(reason));
    }

    private void lost(Link lostLink) {
        String reason = lossReason(lostLink);
        synchronized (this) {
            if (link != lostLink || closed) {
                return;
            }
            link = null;
            transition(Availability.DOWN, reason);
            scheduleRetry();
        }
    }

    /** Caller holds the lock. */
    private void scheduleRetry() {
        failures++;
        Duration delay = host.reconnect().delayAfter(failures);
        waitingToRetry = true;
        retryAtNanos = System.nanoTime() + delay.toNanos();
        retryTimer = transport.scheduler().schedule(this::retry, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry() {
        synchronized (this) {
            waitingToRetry = false;
        }
        session().exceptionally(e -> null);
    }

    /** Caller holds the lock, so changes are told to listeners in the order they happened. */
    private void transition(Availability to, String reason) {
        HostState before = state;
        boolean changed = before.availability() != to;
        HostState after = new HostState(to, reason, changed ? transport.clock().instant() : before.since());
        state = after;
        if (!changed) {
            return;
        }
        if (to == Availability.UP) {
            log.info("host {}: SSH connection UP ({})", host.name(), reason);
        } else {
            log.warn("host {}: SSH connection DOWN: {}", host.name(), reason);
        }
        notifications.execute(() -> tell(before, after));
    }

    private void tell(HostState before, HostState after) {
        for (HostStateListener listener : listeners) {
            try {
                listener.availabilityChanged(host, before, after);
            } catch (RuntimeException e) {
                log.error("host {}: state listener failed: {}", host.name(), e.toString());
            }
        }
    }

    private String lossReason(Link s) {
        return "connection to " + host.address() + ":" + host.port() + " lost: " + s.lossReason();
    }

    private static String reasonOf(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof HostUnreachable ? cause.getMessage() : "SSH failure: " + ChannelRun.describe(cause);
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** There is no session to run on; the message is the reason. */
    static final class HostUnreachable extends Exception {
        HostUnreachable(String message) {
            super(message, null, false, false);
        }
    }
}
