package org.smart.check;

import java.util.List;

/**
 * A Nagios plugin's output, taken apart.
 *
 * @param text       the first line before any {@code |}, trimmed: what a status page shows
 * @param longOutput the later lines that are not performance data, joined by newlines; empty if none
 * @param perfData   the well-formed performance-data items, in order (malformed ones are only in {@code raw})
 * @param raw        the output exactly as the plugin wrote it
 */
public record PluginOutput(String text, String longOutput, List<PerfDatum> perfData, String raw) {

    public PluginOutput {
        perfData = List.copyOf(perfData);
    }
}
