package org.smart.control;

import java.util.List;

/**
 * One request to the daemon.
 *
 * @param command    what to do: restart, stop, start, monitor, unmonitor, check, silence, unsilence, reset,
 *                   status, repair, reboot
 * @param services   the services it applies to (empty: every one, where the command allows that)
 * @param durationS  for silence: how many seconds
 * @param reason     for silence: why, shown in status and the log
 * @param mode       for repair (a one-shot run handed to the daemon): D, W, WD, ALL or REBOOT
 */
public record ControlRequest(String command, List<String> services, Long durationS, String reason, String mode) {

    public ControlRequest {
        services = services == null ? List.of() : List.copyOf(services);
    }

    public static ControlRequest of(String command, List<String> services) {
        return new ControlRequest(command, services, null, null, null);
    }
}
