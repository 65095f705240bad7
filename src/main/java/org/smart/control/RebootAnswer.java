package org.smart.control;

import java.util.List;

/**
 * What the daemon did with a one-shot run's {@code --reboot}.
 *
 * @param succeeded          REBOOT_COMMAND ran and exited 0: the system is on its way down
 * @param line               what running it did, in one line ("reboot: ran '/sbin/reboot'")
 * @param notifications      what became of the general notification, one line per channel
 * @param notificationFailed some channel did not deliver it (it waits in that channel's spool)
 * @param restarts           what became of the daemon's automatic restarts (held, or resumed after a failure)
 */
public record RebootAnswer(boolean succeeded, String line, List<String> notifications, boolean notificationFailed,
                           String restarts) {

    public RebootAnswer {
        notifications = notifications == null ? List.of() : List.copyOf(notifications);
    }
}
