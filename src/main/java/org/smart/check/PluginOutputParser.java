package org.smart.check;

import java.util.ArrayList;
import java.util.List;
import org.smart.model.PrintableText;

/**
 * Takes a Nagios plugin's output apart (Nagios plugin API, SPEC section 5):
 * <pre>
 * TEXT | perfdata
 * LONG TEXT LINE 1
 * LONG TEXT LINE 2 | more perfdata
 * more perfdata
 * </pre>
 * The first {@code |} on the first line starts its performance data. On a later line a {@code |}
 * followed by an {@code =} does (a bare {@code |} in a table of long output does not), and every line
 * after it is performance data too. Control characters other than TAB are shown as escapes ({@code \\x{1B}}).
 * Never throws: what cannot be read stays in {@link PluginOutput#raw()}.
 */
public final class PluginOutputParser {

    private PluginOutputParser() {
    }

    public static PluginOutput parse(String output) {
        String raw = output == null ? "" : output;
        // a plugin may print anything: its control characters (an escape sequence, a NUL) are shown as escapes
        // wherever its text goes (table, mail, a notification command's environment); TABs lay out long output
        List<String> lines = raw.lines().map(PrintableText::visibleKeepingTabs).toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        int bar = first.indexOf('|');
        StringBuilder perf = new StringBuilder(bar < 0 ? "" : first.substring(bar + 1));
        List<String> longLines = new ArrayList<>();
        boolean inPerf = false;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            int lineBar = line.indexOf('|');
            if (inPerf) {
                perf.append(' ').append(line);
            } else if (lineBar >= 0 && line.indexOf('=', lineBar) > 0) {
                addIfNotBlank(longLines, line.substring(0, lineBar).stripTrailing());
                perf.append(' ').append(line.substring(lineBar + 1));
                inPerf = true;
            } else {
                longLines.add(line);
            }
        }
        String text = (bar < 0 ? first : first.substring(0, bar)).strip();
        return new PluginOutput(text, String.join("\n", longLines).stripTrailing(), PerfDataParser.parse(perf), raw);
    }

    private static void addIfNotBlank(List<String> lines, String line) {
        if (!line.isBlank()) {
            lines.add(line);
        }
    }
}
