package org.smart.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.smart.exec.CommandRunner;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;
import org.smart.ssh.RemoteCommand;
import org.smart.ssh.RemoteResult;

/**
 * Runs the check scripts of a remote host that are due together as batches, check_by_ssh's passive mode done
 * right: the requests that arrive within a few milliseconds of each other are spread over at most
 * {@code lanes} channels, and each channel runs its share one after another in a single remote shell
 * ({@link org.smart.ssh.SshConnection#execBatch}), one fork per command instead of a session, a login shell
 * and a {@code timeout} process each. Every command keeps its own time limit (a batch's watchdog kills a
 * command that passes it, with everything it started, and the rest of the batch goes on); a lost connection
 * is an {@link org.smart.check.UnreachableException} for every command of the batch.
 *
 * <p>The first request of a round waits {@link #WINDOW} for the others, then sends them all; a check is thus
 * at most that much later, and the host's channels are used by whole batches instead of single checks.
 */
final class BatchingRunner implements CommandRunner {

    /** How long the first request of a round waits for the others. */
    static final Duration WINDOW = Duration.ofMillis(15);

    private record Pending(RemoteCommand command, CompletableFuture<RemoteResult> result) {
    }

    private final HostLink link;
    private final int lanes;
    // guarded by this: the requests of the round being collected, by time limit
    private final Map<Duration, List<Pending>> collecting = new HashMap<>();

    /** @param lanes the most batches sent at once for one round */
    BatchingRunner(HostLink link, int lanes) {
        this.link = link;
        this.lanes = Math.max(1, lanes);
    }

    @Override
    public ExecResult run(ExecRequest request) {
        RemoteCommand command;
        try {
            command = RemoteCommandRunner.command(request.workingDir(), request.environment(), request.argv());
        } catch (IllegalArgumentException e) {
            return ExecResult.notStarted(e.getMessage());
        }
        Pending pending = new Pending(command, new CompletableFuture<>());
        boolean first;
        synchronized (this) {
            List<Pending> round = collecting.computeIfAbsent(request.timeout(), t -> new ArrayList<>());
            first = round.isEmpty();
            round.add(pending);
        }
        if (first) {
            pause();
            send(request.timeout());
        }
        return link.connected(HostLink.await(pending.result())).toExecResult();
    }

    /** Sends the round's requests as up to {@code lanes} batches of about equal size, in the order they came. */
    private void send(Duration timeout) {
        List<Pending> round;
        synchronized (this) {
            round = collecting.remove(timeout);
        }
        int batches = Math.min(lanes, round.size());
        for (int lane = 0; lane < batches; lane++) {
            List<Pending> batch = new ArrayList<>();
            for (int i = lane; i < round.size(); i += batches) {
                batch.add(round.get(i));
            }
            List<RemoteCommand> commands = batch.stream().map(Pending::command).toList();
            CompletableFuture<List<RemoteResult>> results;
            try {
                results = link.connection().execBatch(commands, timeout);
            } catch (RuntimeException e) {
                results = CompletableFuture.failedFuture(e);
            }
            results.whenComplete((done, error) -> {
                for (int i = 0; i < batch.size(); i++) {
                    RemoteResult result = error != null ? RemoteResult.channelFailed("batch failed: " + error, "",
                            Duration.ZERO) : done.get(i);
                    batch.get(i).result().complete(result);
                }
            });
        }
    }

    private static void pause() {
        try {
            Thread.sleep(WINDOW.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
