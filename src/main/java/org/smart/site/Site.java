package org.smart.site;

import org.smart.action.Restarter;
import org.smart.check.ServiceChecker;
import org.smart.check.SnapshotSource;
import org.smart.model.ServiceSpec;
import java.util.function.Supplier;

/**
 * Where a group of services runs: this machine, or one remote host reached over its SSH connection. Each has
 * its own snapshots, checker and restarter, built from the same logic; only the parts that touch the machine
 * differ.
 *
 * @param host        the remote host's name, or null for this machine
 * @param snapshots   one read of the machine's state per round
 * @param checker     checks a service against a snapshot
 * @param restarter   repairs a service
 * @param parallelism threads that check and repair its services (a remote host: its channel limit; its checks
 *                    hold none while the host runs them)
 * @param downReason  why the host's connection is DOWN now, or null while it is UP (always null locally)
 */
public record Site(String host, SnapshotSource snapshots, ServiceChecker checker, Restarter restarter,
                   int parallelism, Supplier<String> downReason) {

    /** This machine. */
    public static Site local(SnapshotSource snapshots, ServiceChecker checker, Restarter restarter, int parallelism) {
        return new Site(null, snapshots, checker, restarter, parallelism, () -> null);
    }

    public Site {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
    }

    public boolean isRemote() {
        return host != null;
    }

    /** Whether {@code spec} runs here. */
    public boolean runs(ServiceSpec spec) {
        return java.util.Objects.equals(host, spec.host());
    }

    /** The site's name for people: the host's, or {@code local}. */
    public String displayName() {
        return isRemote() ? host : "local";
    }
}
