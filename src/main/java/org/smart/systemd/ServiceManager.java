package org.smart.systemd;

/** Where the daemon's notifications to its service manager go; one message is a list of assignments. */
@FunctionalInterface
public interface ServiceManager {

    /** Does nothing: the daemon does not run under systemd (no {@code NOTIFY_SOCKET}). */
    ServiceManager NONE = assignments -> { };

    /**
     * Sends {@code assignments} ({@code READY=1}, {@code STATUS=...}) as one message; failures are logged, never
     * thrown, since the daemon monitors whether or not systemd hears it.
     */
    void send(String... assignments);
}
