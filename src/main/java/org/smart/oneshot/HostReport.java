package org.smart.oneshot;

/**
 * A remote host in a run: whether its SSH connection worked. When it did not, the host is DOWN and its
 * services are UNREACHABLE; when the connection worked but reading the host's state did not, the host is UP
 * and its services are still UNREACHABLE, with that reason.
 *
 * @param name   the host's name
 * @param up     the connection worked
 * @param detail why it is DOWN, or what went wrong while UP; {@code connected} otherwise
 */
public record HostReport(String name, boolean up, String detail) {

    public static HostReport connected(String name) {
        return new HostReport(name, true, "connected");
    }

    public String stateName() {
        return up ? "UP" : "DOWN";
    }
}
