package org.smart.check;

/**
 * A check or repair could not be made because the remote host it runs on cannot be reached: the host is DOWN
 * and its services are UNREACHABLE, which is never the same as a service that does not respond.
 */
public final class UnreachableException extends RuntimeException {

    private final String host;
    private final String reason;
    private final boolean hostDown;

    /**
     * @param host        the remote host's name
     * @param description what an unreachable service says about it, e.g.
     *                    {@code host db1 is DOWN: connection to db1:22 refused}
     */
    public UnreachableException(String host, String description) {
        this(host, description, description, false);
    }

    private UnreachableException(String host, String description, String reason, boolean hostDown) {
        super(description, null, false, false);
        this.host = host;
        this.reason = reason;
        this.hostDown = hostDown;
    }

    /** The host's connection is DOWN for the given reason (rather than one read on it failing). */
    public static UnreachableException hostDown(String host, String reason) {
        return new UnreachableException(host, "host " + host + " is DOWN: " + reason, reason, true);
    }

    /** Why: the connection's reason when the host is DOWN, else the whole description. */
    public String reason() {
        return reason;
    }

    /** True when the host's connection is DOWN, false when it works but a read of the host's state failed. */
    public boolean isHostDown() {
        return hostDown;
    }

    public String host() {
        return host;
    }

    public String describe() {
        return getMessage();
    }
}
