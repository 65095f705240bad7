package org.smart.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;

/**
 * One remote invocation on one exec channel, without blocking a thread: opens the channel, feeds stdin, closes
 * the channel itself if the remote side has not finished by the backstop, and reports how the channel ended.
 */
final class ChannelRun {

    /** What goes over the channel. */
    record Invocation(String commandLine, byte[] stdin, OutputStream stdout, OutputStream stderr, Duration backstop) {
    }

    /**
     * How the channel ended. Exactly one of these explains it, checked in this order: {@code notConnected}
     * (no session to open it on), {@code exitStatus} or {@code exitSignal} (the remote process ended),
     * {@code backstopFired}, {@code connectionLoss}, {@code openFailure}; if none is set the server closed
     * the channel without saying why.
     */
    record End(String notConnected, Integer exitStatus, String exitSignal, boolean backstopFired,
               String connectionLoss, String openFailure, long remotePid, Duration elapsed) {

        static End notConnected(String reason) {
            return new End(reason, null, null, false, null, null, -1, Duration.ZERO);
        }
    }

    private final ClientSession session;
    private final Invocation invocation;
    private final Executor writer;
    private final Supplier<String> lossReason;
    private final PidLineFilter stdout;
    private final CompletableFuture<End> done = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private volatile ChannelExec channel;
    private volatile ScheduledFuture<?> backstop;
    private volatile boolean backstopFired;

    private ChannelRun(ClientSession session, Invocation invocation, Executor writer, Supplier<String> lossReason) {
        this.session = session;
        this.invocation = invocation;
        this.writer = writer;
        this.lossReason = lossReason;
        this.stdout = new PidLineFilter(invocation.stdout());
    }

    /**
     * Starts the invocation; the future completes when the channel is closed, whatever the reason.
     *
     * @param writer     writes stdin (which may wait for the peer's window, so never on an I/O thread)
     * @param lossReason why the session is gone, asked only when it is
     */
    static CompletableFuture<End> start(ClientSession session, Invocation invocation, Executor writer,
                                        ScheduledExecutorService scheduler, Supplier<String> lossReason) {
        ChannelRun run = new ChannelRun(session, invocation, writer, lossReason);
        run.open(scheduler);
        return run.done;
    }

    private void open(ScheduledExecutorService scheduler) {
        try {
            ChannelExec exec = session.createExecChannel(invocation.commandLine());
            exec.setOut(stdout);
            exec.setErr(invocation.stderr());
            channel = exec;
            backstop = scheduler.schedule(this::fireBackstop, invocation.backstop().toMillis(), TimeUnit.MILLISECONDS);
            // The close listener goes on only once the open has succeeded: a refused open closes the channel on
            // an I/O thread, possibly before open() has returned here, and must end as an open failure (which
            // SshConnection retries), not as a channel closed without an exit status.
            exec.open().addListener(opened -> {
                if (!opened.isOpened()) {
                    exec.close(true);
                    finish(describe(opened.getException()));
                    return;
                }
                exec.addCloseFutureListener(closed -> finish(null));
                if (invocation.stdin() != null) {
                    writer.execute(() -> writeStdin(exec));
                }
            });
        } catch (Exception e) {
            // createExecChannel/open throw when the session is already closing
            finish(describe(e));
        }
    }

    /** Writes stdin and closes it (EOF); MINA's own way, setIn, would start a thread per channel. */
    private void writeStdin(ChannelExec exec) {
        try (OutputStream in = exec.getInvertedIn()) {
            in.write(invocation.stdin());
        } catch (IOException | RuntimeException e) {
            exec.close(true);  // ends as a channel failure, or as a connection loss if the session went
        }
    }

    private void fireBackstop() {
        backstopFired = true;
        ChannelExec exec = channel;
        if (exec != null) {
            exec.close(true);
        }
        finish(null);
    }

    private void finish(String openFailure) {
        if (done.isDone()) {
            return;
        }
        ScheduledFuture<?> timer = backstop;
        if (timer != null) {
            timer.cancel(false);
        }
        ChannelExec exec = channel;
        Integer status = exec == null ? null : exec.getExitStatus();
        String signal = exec == null ? null : exec.getExitSignal();
        String loss = status == null && signal == null && !session.isOpen() ? lossReason.get() : null;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        done.complete(new End(null, status, signal, backstopFired, loss, openFailure, stdout.pid(), elapsed));
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
