package org.smart.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line read back the way Nagios Core 4 reads it: {@code [time] NAME;args}, host (and
 * service) and code up to the next {@code ;}, the output up to the end of the line, perfdata after
 * the first {@code |}, and {@code \\} / {@code \n} unescaped.
 */
public record ParsedCommand(long time, String command, String host, String service, int code, String text, String perfdata) {

    private static final Pattern LINE = Pattern.compile("\\[(\\d+)] (PROCESS_SERVICE_CHECK_RESULT|PROCESS_HOST_CHECK_RESULT);(.*)");

    public static ParsedCommand parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new AssertionError("not a check result command: " + line);
        }
        boolean service = m.group(2).equals("PROCESS_SERVICE_CHECK_RESULT");
        String[] f = m.group(3).split(";", service ? 4 : 3);
        String host = f[0];
        String svc = service ? f[1] : null;
        int code = Integer.parseInt(f[service ? 2 : 1]);
        String rest = f[service ? 3 : 2];
        int bar = rest.indexOf('|');
        String text = bar < 0 ? rest : rest.substring(0, bar);
        String perf = bar < 0 ? "" : rest.substring(bar + 1);
        return new ParsedCommand(Long.parseLong(m.group(1)), m.group(2), host, svc, code, unescape(text), perf);
    }

    /** Splits a command stream at LF, as every reader does; the stream must end in LF. */
    public static List<ParsedCommand> parseAll(String stream) {
        if (!stream.isEmpty() && !stream.endsWith("\n")) {
            throw new AssertionError("stream does not end in a line feed: " + stream);
        }
        List<ParsedCommand> commands = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (!line.isEmpty()) {
                commands.add(parse(line));
            }
        }
        return commands;
    }

    /** Nagios Core's unescape_check_result_output. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '\\' || s.charAt(i + 1) == 'n')) {
                sb.append(s.charAt(++i) == 'n' ? '\n' : '\\');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
