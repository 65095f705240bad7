package org.smart.process;

import java.time.Duration;
import java.util.Collection;

/** Stops processes seen in a snapshot: TERM, a grace period, then KILL; on this machine or a remote one. */
@FunctionalInterface
public interface ProcessStopper {

    /** Blocks until every process has gone or the grace period and the wait after KILL have passed. */
    StopReport stop(Collection<ProcessInfo> processes, Duration grace);
}
