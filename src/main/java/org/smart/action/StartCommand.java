package org.smart.action;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.smart.model.CommandWords;

/**
 * Turns a service's start command, as written in the configuration, into an argument vector.
 *
 * <p>A plain command ({@code /etc/init.d/ssh}, {@code /usr/sbin/cron -f}) is split into words, honouring
 * quotes, and executed directly: no shell. A command that uses shell syntax ({@code ;}, {@code &&},
 * redirections, variables…) is run by {@code /bin/sh -c} exactly as the administrator wrote it, as
 * cron would; the {@code start}/{@code stop} argument of start mode 1 is then passed as a positional
 * parameter ({@code "$@"}), never pasted into the command text. A first word that is a relative path
 * ({@code ./daemons/web}) is resolved against the configuration directory.
 */
public final class StartCommand {

    private static final String SHELL_SYNTAX = ";&|<>$`(){}*?~\n";

    private StartCommand() {
    }

    /**
     * @param command  the start_command field
     * @param argument {@code "start"}, {@code "stop"}, or null for start mode 0
     * @param confDir  the configuration directory, for relative paths
     */
    public static List<String> argv(String command, String argument, Path confDir) {
        String trimmed = command.strip();
        if (needsShell(trimmed)) {
            return argument == null
                    ? List.of("/bin/sh", "-c", trimmed)
                    : List.of("/bin/sh", "-c", trimmed + " \"$@\"", "smart", argument);
        }
        List<String> words = new ArrayList<>(CommandWords.split(trimmed, "start command"));
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty start command");
        }
        String first = words.get(0);
        if (!first.startsWith("/") && first.contains("/")) {
            words.set(0, confDir.resolve(first).normalize().toString());
        }
        if (argument != null) {
            words.add(argument);
        }
        return words;
    }

    /**
     * The program a start command runs, as {@link #argv} finds it: its first word (a relative path resolved
     * against {@code confDir}), or {@code /bin/sh} for a command with shell syntax.
     *
     * @throws IllegalArgumentException when the command cannot be split into words
     */
    public static String program(String command, Path confDir) {
        return argv(command, null, confDir).get(0);
    }

    static boolean needsShell(String command) {
        boolean inSingle = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                inSingle = !inSingle;
            } else if (!inSingle && SHELL_SYNTAX.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }
}
