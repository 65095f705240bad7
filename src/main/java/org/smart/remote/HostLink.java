package org.smart.remote;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.smart.check.UnreachableException;
import org.smart.process.ProcessInfo;
import org.smart.ssh.RemoteCommand;
import org.smart.ssh.RemoteCommandException;
import org.smart.ssh.RemoteProcReader;
import org.smart.ssh.RemoteResult;
import org.smart.ssh.SshConnection;

/**
 * The blocking calls SMART's checks and repairs make over a host's one SSH connection. A call made while the
 * connection cannot be had throws {@link UnreachableException} with the connection's reason, so a lost host is
 * never taken for a service that does not respond. The SSH layer bounds every call (connect timeout, remote
 * time limit and backstop), so waiting for its answer never hangs.
 */
final class HostLink {

    private final SshConnection connection;
    private final RemoteProcReader procReader;

    HostLink(SshConnection connection) {
        this.connection = connection;
        this.procReader = new RemoteProcReader(connection);
    }

    String name() {
        return connection.host().name();
    }

    SshConnection connection() {
        return connection;
    }

    /** Runs the command with a remote time limit; a timeout is an ordinary result, a lost connection is not. */
    RemoteResult run(RemoteCommand command, Duration timeout) {
        return connected(await(connection.exec(command, timeout)));
    }

    /** Starts the command now; {@link #connected} checks its result. */
    CompletableFuture<RemoteResult> start(RemoteCommand command, Duration timeout) {
        return connection.exec(command, timeout);
    }

    /** Starts listing the host's processes now. */
    CompletableFuture<List<ProcessInfo>> startProcessListing(Duration timeout) {
        return procReader.read(timeout);
    }

    /** The listing's processes; a listing that failed on a working connection says why in the exception. */
    List<ProcessInfo> processes(CompletableFuture<List<ProcessInfo>> listing) {
        try {
            return await(listing);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RemoteCommandException failed) {
                connected(failed.result());
            }
            String why = e.getCause() == null ? e.toString() : e.getCause().getMessage();
            throw new UnreachableException(name(), "host " + name() + ": cannot list its processes: " + why);
        }
    }

    RemoteResult connected(RemoteResult result) {
        if (result.connectionFailed()) {
            throw UnreachableException.hostDown(name(), result.reason());
        }
        return result;
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a remote host", e);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }
}
