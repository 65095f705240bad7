package org.smart.check;

/** A Nagios plugin's verdict, from its exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
public enum PluginState {
    OK, WARNING, CRITICAL, UNKNOWN;

    public int exitCode() {
        return ordinal();
    }

    /** The state an exit code stands for; any code outside 0-3 (a crash, a shell error…) is UNKNOWN. */
    public static PluginState ofExitCode(int exitCode) {
        return exitCode >= 0 && exitCode <= 3 ? values()[exitCode] : UNKNOWN;
    }
}
