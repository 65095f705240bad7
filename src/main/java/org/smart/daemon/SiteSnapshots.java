package org.smart.daemon;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.smart.check.Snapshot;
import org.smart.site.Site;

/**
 * Shares one read of a remote host's state between the checks of its services that need it at about the
 * same time, as {@link ProcessSnapshots} does for this machine: a round of a host's services due together
 * costs one read however many they are. A read that fails (the host is DOWN) is not kept: each check asks
 * again, which fails at once while the connection waits to retry.
 */
final class SiteSnapshots {

    /** The latest snapshot of one host; guarded by itself. */
    private static final class Latest {
        Snapshot snapshot;
        Instant begunAt = Instant.MIN;
    }

    private final Clock clock;
    private final Map<String, Latest> byHost = new ConcurrentHashMap<>();

    SiteSnapshots(Clock clock) {
        this.clock = clock;
    }

    /**
     * A snapshot of the site begun at or after {@code notBefore}; concurrent callers wait for one read.
     *
     * @throws org.smart.check.UnreachableException when the host cannot be reached or read
     */
    Snapshot begunSince(Site site, Instant notBefore) {
        Latest latest = byHost.computeIfAbsent(site.host(), host -> new Latest());
        synchronized (latest) {
            if (latest.snapshot == null || latest.begunAt.isBefore(notBefore)) {
                Instant now = clock.instant();
                latest.snapshot = null;
                latest.snapshot = site.snapshots().snapshot();
                latest.begunAt = now;
            }
            return latest.snapshot;
        }
    }
}
