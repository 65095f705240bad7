package org.smart.model;

/** How a service's start command is invoked (field 9 of services.conf). */
public enum StartMode {
    /** {@code 0}: the command starts the service as it is; there is no stop command. */
    PLAIN,
    /** {@code 1}: init-script style, the command takes {@code start} or {@code stop} as its argument. */
    INIT_SCRIPT;

    public static StartMode fromCode(String code) {
        return switch (code) {
            case "0" -> PLAIN;
            case "1" -> INIT_SCRIPT;
            default -> throw new IllegalArgumentException("start_mode must be 0 or 1, not '" + code + "'");
        };
    }
}
