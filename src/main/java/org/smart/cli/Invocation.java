package org.smart.cli;

import java.util.Map;
import org.smart.security.UnixIds;

/**
 * Who runs SMART, as far as it matters for trust: the effective user, and the user sudo acted for.
 *
 * @param effectiveUid the effective uid (from /proc/self/status)
 * @param sudoUser     the user who called sudo, or null when SMART was not started through sudo
 * @param environment  SMART's environment
 */
public record Invocation(int effectiveUid, String sudoUser, Map<String, String> environment) {

    public Invocation {
        environment = Map.copyOf(environment);
    }

    public static Invocation current() {
        Map<String, String> env = System.getenv();
        String sudoUser = env.containsKey("SUDO_UID") ? env.getOrDefault("SUDO_USER", "uid " + env.get("SUDO_UID"))
                : null;
        return new Invocation(UnixIds.effectiveUid(), sudoUser, env);
    }

    /** Running as root on behalf of another user: only the root-owned system configuration may be used. */
    public boolean elevatedForAnotherUser() {
        return effectiveUid == 0 && sudoUser != null;
    }

    public boolean root() {
        return effectiveUid == 0;
    }

    /** The person to name in notifications: the sudo user, else the login name. */
    public String invoker() {
        if (sudoUser != null) {
            return sudoUser;
        }
        return environment.getOrDefault("USER", environment.getOrDefault("LOGNAME", "uid " + effectiveUid));
    }
}
