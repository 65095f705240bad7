package org.smart.daemon;

import java.time.Clock;
import java.time.Instant;
import org.smart.process.ProcessSource;
import org.smart.process.ProcessTable;

/**
 * Shares one read of {@code /proc} between the checks that need it at about the same time. A
 * caller says how old a snapshot may be: a scheduled check takes one up to a fraction of a second
 * old, a check triggered by a process's exit takes only one begun after that exit.
 */
final class ProcessSnapshots {

    private final ProcessSource source;
    private final Clock clock;
    private ProcessTable table;
    private Instant begunAt = Instant.MIN;

    ProcessSnapshots(ProcessSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** A snapshot begun at or after {@code notBefore}; concurrent callers wait for one read. */
    synchronized ProcessTable begunSince(Instant notBefore) {
        if (table == null || begunAt.isBefore(notBefore)) {
            return readNow();
        }
        return table;
    }

    /** A snapshot read now, which later callers may share. */
    synchronized ProcessTable readNow() {
        Instant now = clock.instant();
        table = source.snapshot();
        begunAt = now;
        return table;
    }
}
