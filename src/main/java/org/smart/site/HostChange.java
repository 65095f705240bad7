package org.smart.site;

import java.time.Instant;

/**
 * A remote host's SSH connection changed: it went DOWN, or it is UP (for the first time, or again).
 *
 * @param host      the host's name
 * @param up        the connection works now
 * @param reason    why it is DOWN (or a short note while UP)
 * @param since     when the change happened
 * @param downSince when it went DOWN, if it is UP again after being DOWN; null otherwise
 */
public record HostChange(String host, boolean up, String reason, Instant since, Instant downSince) {

    /** UP again after being DOWN (not the first connect). */
    public boolean recovered() {
        return up && downSince != null;
    }
}
