package org.smart.check;

/** What the service's tool (check script, plugin or port) said, if it has one. */
public enum Responsiveness {
    RESPONDING,
    /** Responding, but a Nagios plugin said WARNING: a working service in a degraded state (WARN). */
    DEGRADED,
    NOT_RESPONDING,
    /** Neither a check script nor a port: only the process count can tell. */
    NO_TOOL;

    /**
     * What a check command's exit code says. Exit 0 responds. A Nagios plugin's WARNING (1) is a service
     * that answers in a degraded state, as Nagios and Icinga read it; CRITICAL (2), UNKNOWN (3) and any other
     * code do not respond. A plain check script keeps the original's rule, where only exit 0 responds: such
     * scripts commonly {@code exit 1} on any failure, and reading that as WARNING would keep a dead service
     * from being repaired.
     *
     * @param nagiosPlugin the command follows the Nagios plugin conventions (a {@code plugin:} line, a
     *                     {@code .nag} wrapper)
     */
    public static Responsiveness ofExitCode(int exitCode, boolean nagiosPlugin) {
        if (exitCode == 0) {
            return RESPONDING;
        }
        return nagiosPlugin && PluginState.ofExitCode(exitCode) == PluginState.WARNING ? DEGRADED : NOT_RESPONDING;
    }

    /** The service answered, well or in a degraded state. */
    public boolean answered() {
        return this == RESPONDING || this == DEGRADED;
    }
}
