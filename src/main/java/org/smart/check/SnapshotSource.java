package org.smart.check;

/** Takes a fresh {@link Snapshot} of the machine a group of services runs on. */
@FunctionalInterface
public interface SnapshotSource {

    /** @throws UnreachableException when the machine is a remote host that cannot be reached now */
    Snapshot snapshot();
}
