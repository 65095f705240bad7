package org.smart.remote;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.smart.exec.CommandRunner;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;
import org.smart.exec.Futures;
import org.smart.ssh.RemoteCommand;
import org.smart.ssh.RemoteResult;

/**
 * Runs the check scripts of a remote host as batches, check_by_ssh's passive mode done right: each batch is one
 * channel whose single remote shell runs its commands one after another, one fork and exec per command
 * ({@link org.smart.ssh.SshConnection#execBatch}), instead of a session, a login shell and a {@code timeout}
 * process per command. Every command keeps its own time limit (a batch's watchdog kills a command that passes
 * it, with everything it started, and the rest of the batch goes on); a lost connection is an
 * {@link org.smart.check.UnreachableException} for every command of the batch.
 *
 * <p>Requests wait in a queue; at most {@code lanes} batches are out at once. A channel costs the host a
 * session and a login shell whatever it carries, so the queue is sent in as few batches as keep the lanes
 * busy: each free lane takes an even share of what is queued (all of a round's checks go out at once as
 * one batch per lane, not in rounds of small batches), but at least {@link #MIN_BATCH}, and a lane that
 * finishes takes its share of what queued up meanwhile. A request that finds a lane free opens a window of
 * {@link #WINDOW}, so the checks due with it join its batch; one that finds every lane busy waits for a lane
 * instead. Waiting holds no thread: {@link #start} returns at once.
 */
final class BatchingRunner implements CommandRunner {

    /** How long a request that finds a free lane waits for the others due with it. */
    static final Duration WINDOW = Duration.ofMillis(15);
    /**
     * Dispatches a batch when its window ends, on the JDK's timer thread: dispatching only queues channel
     * requests on the connection, which never blocks.
     */
    private static final Executor WINDOW_CLOSER =
            CompletableFuture.delayedExecutor(WINDOW.toMillis(), TimeUnit.MILLISECONDS, Runnable::run);
    /**
     * The fewest commands a lane takes when more are queued: a batch's channel, session and shells cost the
     * host about as much as five checks, so a few requests go to fewer lanes rather than one or two to each.
     */
    static final int MIN_BATCH = 20;
    /** The most commands one batch carries: its output comes back when it ends. */
    static final int MAX_BATCH = 250;

    private record Pending(RemoteCommand command, CompletableFuture<RemoteResult> result) {
    }

    private final HostLink link;
    private final int lanes;
    // guarded by this: queued requests by time limit (a batch has one), oldest first
    private final Map<Duration, Deque<Pending>> queued = new LinkedHashMap<>();
    private int queuedCount;
    private int busyLanes;
    private boolean windowOpen;

    /** @param lanes the most batches out at once */
    BatchingRunner(HostLink link, int lanes) {
        this.link = link;
        this.lanes = Math.max(1, lanes);
    }

    @Override
    public ExecResult run(ExecRequest request) {
        return Futures.join(start(request));
    }

    /**
     * Queues the command and returns at once: no thread waits for it. The result completes on the connection's
     * threads; a lost connection completes it with an {@link org.smart.check.UnreachableException}.
     */
    @Override
    public CompletableFuture<ExecResult> start(ExecRequest request) {
        RemoteCommand command;
        try {
            command = RemoteCommandRunner.command(request.workingDir(), request.environment(), request.argv());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ExecResult.notStarted(e.getMessage()));
        }
        Pending pending = new Pending(command, new CompletableFuture<>());
        boolean opensWindow;
        synchronized (this) {
            queued.computeIfAbsent(request.timeout(), t -> new ArrayDeque<>()).add(pending);
            queuedCount++;
            opensWindow = !windowOpen && busyLanes < lanes;
            windowOpen |= opensWindow;
        }
        if (opensWindow) {
            WINDOW_CLOSER.execute(this::closeWindow);
        }
        return pending.result().thenApply(result -> link.connected(result).toExecResult());
    }

    private void closeWindow() {
        synchronized (this) {
            windowOpen = false;
        }
        dispatch();
    }

    /**
     * Gives every free lane its share of the queue: an even share over all the lanes, not just the free ones,
     * since the busy ones soon take theirs; so a lane that frees first does not take the whole queue while the
     * others, done a moment later, stand idle until the end of the round.
     */
    private void dispatch() {
        while (true) {
            List<Pending> batch;
            Duration timeout;
            synchronized (this) {
                if (busyLanes >= lanes || queuedCount == 0) {
                    return;
                }
                Map.Entry<Duration, Deque<Pending>> oldest = queued.entrySet().iterator().next();
                timeout = oldest.getKey();
                batch = take(oldest.getValue(), share(queuedCount, lanes));
                if (oldest.getValue().isEmpty()) {
                    queued.remove(timeout);
                }
                queuedCount -= batch.size();
                busyLanes++;
            }
            send(batch, timeout);
        }
    }

    /**
     * How many of {@code queued} requests the next lane takes: an even share over {@code lanes}, but at least
     * {@link #MIN_BATCH} (or all there are) and at most {@link #MAX_BATCH}.
     */
    static int share(int queued, int lanes) {
        int even = (queued + lanes - 1) / lanes;
        return Math.min(MAX_BATCH, Math.max(even, Math.min(queued, MIN_BATCH)));
    }

    private static List<Pending> take(Deque<Pending> from, int count) {
        List<Pending> batch = new ArrayList<>(Math.min(count, from.size()));
        while (batch.size() < count && !from.isEmpty()) {
            batch.add(from.poll());
        }
        return batch;
    }

    private void send(List<Pending> batch, Duration timeout) {
        List<RemoteCommand> commands = batch.stream().map(Pending::command).toList();
        CompletableFuture<List<RemoteResult>> results;
        try {
            results = link.connection().execBatch(commands, timeout);
        } catch (RuntimeException e) {
            results = CompletableFuture.failedFuture(e);
        }
        results.whenComplete((done, error) -> {
            synchronized (this) {
                busyLanes--;
            }
            for (int i = 0; i < batch.size(); i++) {
                RemoteResult result = error != null ? RemoteResult.channelFailed("batch failed: " + error, "",
                        Duration.ZERO) : done.get(i);
                batch.get(i).result().complete(result);
            }
            dispatch();
        });
    }
}
