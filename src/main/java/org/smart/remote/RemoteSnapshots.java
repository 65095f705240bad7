package org.smart.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.smart.check.Snapshot;
import org.smart.check.SnapshotSource;
import org.smart.check.UnreachableException;
import org.smart.exec.Futures;
import org.smart.process.ProcessTable;
import org.smart.ssh.RemoteResult;

/**
 * Snapshots of a remote host for a check round: its process listing ({@code /proc}) and its pid files and
 * listening ports, read side by side on two channels of the one connection, so a round costs two remote
 * commands however many services the host has.
 */
final class RemoteSnapshots implements SnapshotSource {

    private final HostLink link;
    private final List<Path> pidFiles;
    private final boolean ports;
    private final Duration timeout;

    /**
     * @param pidFiles the pid files of the host's services
     * @param ports    whether any service is judged by its port (else the port table is not read)
     * @param timeout  limit for each of the two reads
     */
    RemoteSnapshots(HostLink link, List<Path> pidFiles, boolean ports, Duration timeout) {
        this.link = link;
        this.pidFiles = List.copyOf(pidFiles);
        this.ports = ports;
        this.timeout = timeout;
    }

    @Override
    public Snapshot snapshot() {
        CompletableFuture<ProcessTable> listing = link.startProcessListing(timeout);
        CompletableFuture<RemoteResult> state = link.start(PidFilesAndPorts.command(pidFiles, ports), timeout);
        ProcessTable processes = link.processes(listing);
        PidFilesAndPorts read = pidFilesAndPorts(link.connected(Futures.join(state)));
        return new Snapshot(processes, read.reader(), read.portProbe());
    }

    private PidFilesAndPorts pidFilesAndPorts(RemoteResult result) {
        if (result.outcome() != RemoteResult.Outcome.COMPLETED || result.exitCode() != 0) {
            String why = result.reason() != null ? result.reason()
                    : "exit status " + result.exitCode() + ": " + result.stderr().strip();
            throw unreadable("cannot read its pid files and ports: " + why);
        }
        try {
            return PidFilesAndPorts.parse(result.stdout(), pidFiles);
        } catch (IllegalArgumentException e) {
            throw unreadable("cannot read its pid files and ports: " + e.getMessage());
        }
    }

    private UnreachableException unreadable(String why) {
        return new UnreachableException(link.name(), "host " + link.name() + ": " + why);
    }
}
