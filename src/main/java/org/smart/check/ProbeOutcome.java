package org.smart.check;

import java.time.Duration;

/**
 * The answer of a service's tool.
 *
 * @param responsiveness responding, not responding, or no tool at all
 * @param summary        one line for people: the plugin's first line, or why it did not respond
 * @param plugin         the parsed plugin output of a check script, or null for port checks and no tool
 * @param exitCode       the check script's exit code, -1 when none ran or it was killed
 * @param elapsed        how long the probe took
 */
public record ProbeOutcome(Responsiveness responsiveness, String summary, PluginOutput plugin, int exitCode,
                           Duration elapsed) {

    public static ProbeOutcome noTool() {
        return new ProbeOutcome(Responsiveness.NO_TOOL, "", null, -1, Duration.ZERO);
    }

    public boolean responding() {
        return responsiveness == Responsiveness.RESPONDING;
    }
}
