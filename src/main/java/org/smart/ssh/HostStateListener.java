package org.smart.ssh;

/**
 * Told when a host's availability changes (UNKNOWN/UP/DOWN), once per change, in order, so the caller can send
 * one host alert instead of one per service. Reason-only changes while DOWN are not reported.
 */
@FunctionalInterface
public interface HostStateListener {
    void availabilityChanged(RemoteHostSpec host, HostState previous, HostState current);
}
