package org.smart.feed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats a {@link PassiveResult} as exactly one Nagios external command line, ending in LF:
 *
 * <pre>
 * [&lt;epoch seconds&gt;] PROCESS_SERVICE_CHECK_RESULT;&lt;host&gt;;&lt;service&gt;;&lt;0-3&gt;;&lt;text&gt;[|&lt;perfdata&gt;]
 * [&lt;epoch seconds&gt;] PROCESS_HOST_CHECK_RESULT;&lt;host&gt;;&lt;0-2&gt;;&lt;text&gt;[|&lt;perfdata&gt;]
 * </pre>
 *
 * where {@code text} is the output, then each long-output line after an escaped line break:
 * {@code output\nlong line 1\nlong line 2|perfdata} (the {@code \n} being a backslash and an
 * {@code n}, never a real line break).
 *
 * <h2>How the readers parse the line (and why the escaping is what it is)</h2>
 * <ul>
 * <li>Every reader splits the command stream at LF, so a real LF (or CR, which Icinga 2 also treats
 * as a line break) inside the text would start a second command: check_by_ssh's injection hole.
 * <li>Nagios Core 4 ({@code base/commands.c}, {@code cmd_process_service_check_result}) takes host,
 * service and code up to the next {@code ;} and the output up to the end of the line, then calls
 * {@code unescape_check_result_output}: {@code \\} becomes a backslash and {@code \n} a line break.
 * Naemon does the same ({@code newlines_are_escaped} in {@code parse_check_output}).
 * <li>Icinga 2 ({@code lib/icinga/externalcommandprocessor.cpp}) splits at every {@code ;} but joins
 * the surplus back into the last argument, so {@code ;} in the output is safe; it then calls
 * {@code CompatUtility::UnEscapeString}, which turns {@code \n} into a line break but leaves
 * {@code \\} as two backslashes.
 * <li>Icinga 2's command pipe takes host codes 0 and 1 only and drops a
 * {@code PROCESS_HOST_CHECK_RESULT} with 2 (UNREACHABLE) as an invalid status code; Nagios and
 * Naemon take 0-2. Icinga 2 derives unreachability from its dependencies anyway; with Icinga 2,
 * prefer {@link IcingaApiSubmitter}, which sends UNREACHABLE as DOWN.
 * <li>Nagios splits the text from the perfdata at the first {@code |} of the first line, or of a
 * later line; Icinga 2's {@code PluginUtility::ParseCheckOutput} splits every line at its first
 * {@code |}. Neither knows an escape for {@code |}.
 * </ul>
 *
 * <h2>The escaping</h2>
 * In the text (output and long output):
 * <ul>
 * <li>{@code \} becomes {@code \\}: Nagios and Naemon read it back exactly; Icinga 2 shows the
 * backslash doubled. (Not escaping it would let a plugin's literal {@code \n}, e.g. in
 * {@code C:\new}, turn into a line break.) For Icinga 2, prefer {@link IcingaApiSubmitter}.
 * <li>LF, CR LF and a lone CR become the two characters {@code \n}.
 * <li>{@code |} becomes {@code ¦} (U+00A6 BROKEN BAR), so the one {@code |} in the line is the one
 * before the perfdata.
 * <li>TAB becomes a space; NUL, other C0 and C1 controls, DEL, U+2028/U+2029 and lone surrogates
 * become U+FFFD.
 * </ul>
 * In the perfdata: line breaks, TAB and {@code |} become spaces (Icinga 2 also joins perfdata from
 * several lines with spaces), {@code \} becomes {@code \\}, other controls U+FFFD; the result is
 * trimmed. {@code ;} stays (it separates warn/crit/min/max and is safe in the last field).
 *
 * <h2>Length</h2>
 * {@link #format(PassiveResult, int)} keeps a line within a byte limit (for a FIFO,
 * {@value #PIPE_BUF} bytes: a write of at most PIPE_BUF bytes is atomic, so lines of several writers
 * never interleave). It cuts the text from the end, never inside an escape sequence or a UTF-8
 * character, and says so in a last line {@code [SMART: ...]}. Perfdata is kept unless it would leave
 * less than {@value #MIN_TEXT_BYTES} bytes for the text.
 */
public final class ExternalCommandFormatter {

    /** Linux's PIPE_BUF: writes of at most this many bytes to a FIFO are atomic. */
    public static final int PIPE_BUF = 4096;
    /** The smallest line limit accepted: two names of the longest allowed length plus the rest. */
    public static final int MIN_LINE_BYTES = 2 * NameValidator.MAX_BYTES + 512;
    static final int MIN_TEXT_BYTES = 256;
    static final String PIPE_REPLACEMENT = "\u00A6";

    /** Formats a line without a length limit. */
    public String format(PassiveResult result) {
        return format(result, Integer.MAX_VALUE);
    }

    /**
     * Formats a line of at most {@code maxBytes} bytes of UTF-8, LF included.
     *
     * @throws IllegalArgumentException if {@code maxBytes} is below {@link #MIN_LINE_BYTES}
     */
    public String format(PassiveResult result, int maxBytes) {
        if (maxBytes < MIN_LINE_BYTES) {
            throw new IllegalArgumentException("line limit must be at least " + MIN_LINE_BYTES + " bytes, not " + maxBytes);
        }
        String head = head(result);
        List<String> text = escapeText(result.text());
        String perf = escapePerfdata(result.perfdata());
        String perfPart = perf.isEmpty() ? "" : "|" + perf;
        String line = head + String.join("", text) + perfPart + "\n";
        if (bytes(line) <= maxBytes) {
            return line;
        }
        return truncated(head, text, perfPart, maxBytes);
    }

    private static String head(PassiveResult r) {
        String epoch = "[" + r.checkTime().getEpochSecond() + "] ";
        return r.isService()
                ? epoch + "PROCESS_SERVICE_CHECK_RESULT;" + r.hostName() + ";" + r.serviceName() + ";" + r.code() + ";"
                : epoch + "PROCESS_HOST_CHECK_RESULT;" + r.hostName() + ";" + r.code() + ";";
    }

    private static String truncated(String head, List<String> text, String perfPart, int maxBytes) {
        String note = "\\n[SMART: output cut to fit a " + maxBytes + "-byte command line]";
        int budget = maxBytes - bytes(head) - bytes(perfPart) - bytes(note) - 1;
        if (budget < MIN_TEXT_BYTES && !perfPart.isEmpty()) {
            perfPart = "";
            note = "\\n[SMART: output cut and perfdata dropped to fit a " + maxBytes + "-byte command line]";
            budget = maxBytes - bytes(head) - bytes(note) - 1;
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (String token : text) {
            int size = bytes(token);
            if (used + size > budget) {
                break;
            }
            kept.append(token);
            used += size;
        }
        return head + kept + note + perfPart + "\n";
    }

    /** The escaped text as one token per source character, so a cut never splits an escape. */
    static List<String> escapeText(String text) {
        List<String> tokens = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r' && i < text.length() && text.charAt(i) == '\n') {
                i++;
            }
            tokens.add(escapeTextChar(cp));
        }
        return tokens;
    }

    private static String escapeTextChar(int cp) {
        return switch (cp) {
            case '\\' -> "\\\\";
            case '\n', '\r' -> "\\n";
            case '|' -> PIPE_REPLACEMENT;
            case '\t' -> " ";
            default -> ControlChars.isControl(cp) ? ControlChars.REPLACEMENT : Character.toString(cp);
        };
    }

    static String escapePerfdata(String perfdata) {
        StringBuilder sb = new StringBuilder(perfdata.length());
        perfdata.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\r' || cp == '\t' || cp == '|') {
                sb.append(' ');
            } else if (cp == '\\') {
                sb.append("\\\\");
            } else if (ControlChars.isControl(cp)) {
                sb.append(ControlChars.REPLACEMENT);
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString().strip();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
