package org.smart.remote;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.smart.check.UnreachableException;
import org.smart.exec.Futures;
import org.smart.process.ProcessTable;
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
        return connected(Futures.join(connection.exec(command, timeout)));
    }

    /** Starts the command now; {@link #connected} checks its result. */
    CompletableFuture<RemoteResult> start(RemoteCommand command, Duration timeout) {
        return connection.exec(command, timeout);
    }

    /** Starts listing the host's processes now. */
    CompletableFuture<ProcessTable> startProcessListing(Duration timeout) {
        return procReader.read(timeout);
    }

    /** The listing's processes; a listing that failed on a working connection says why in the exception. */
    ProcessTable processes(CompletableFuture<ProcessTable> listing) {
        return Futures.join(listing.exceptionally(failure -> {
            throw unlisted(Futures.cause(failure));
        }));
    }

    private UnreachableException unlisted(Throwable why) {
        if (why instanceof RemoteCommandException failed) {
            connected(failed.result());
        }
        String reason = why.getMessage() == null ? why.toString() : why.getMessage();
        return new UnreachableException(name(), "host " + name() + ": cannot list its processes: " + reason);
    }

    RemoteResult connected(RemoteResult result) {
        if (result.connectionFailed()) {
            throw UnreachableException.hostDown(name(), result.reason());
        }
        return result;
    }

}
