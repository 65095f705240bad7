package org.smart.ssh;

/** What to do with a host key that {@code known_hosts} does not vouch for. */
public enum HostKeyPolicy {
    /** Only keys already in known_hosts are accepted; an unknown or changed key is refused. */
    STRICT,
    /**
     * Trust on first use: a host with no entry at all is recorded in known_hosts and accepted; from then on
     * it is strict, so a changed key is still refused (OpenSSH's {@code StrictHostKeyChecking=accept-new}).
     */
    ACCEPT_NEW
}
