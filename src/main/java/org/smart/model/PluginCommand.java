package org.smart.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Nagios plugin called with its own arguments ({@code plugin:} in smart.yml), the way Nagios
 * command definitions call them, without a wrapper script: {@code check_http -H $HOST -p $PORT}.
 *
 * <p>The line is split into words like a start command (quotes group words) and run directly, never by
 * a shell, so no value can become shell syntax. Macros are replaced inside words: {@code $HOST} (the
 * address checks talk to), {@code $PORT}, {@code $TIMEOUT} (whole seconds), {@code $SERVICE} and
 * {@code $PLUGINS} (the configuration's {@code plugins/} directory); {@code $$} is a dollar sign. The
 * plugin itself is a bare name, looked up in {@link #SYSTEM_PLUGINS} where Debian's monitoring-plugins
 * put them, {@code $PLUGINS/NAME}, or an absolute path: never a path relative to somewhere that SMART's
 * checks of who may write the configuration (when it runs as root) do not cover.
 *
 * @param line  the line as written, for messages and to tell a changed configuration
 * @param words its words, macros not yet replaced
 */
public record PluginCommand(String line, List<String> words) {

    /** Where Debian and Ubuntu install the standard plugins (package monitoring-plugins). */
    public static final Path SYSTEM_PLUGINS = Path.of("/usr/lib/nagios/plugins");

    /** The file a local run executes, with {@code $PLUGINS} standing for {@code pluginsDir}. */
    public Path program(Path pluginsDir) {
        String first = words.get(0);
        return first.startsWith("$PLUGINS/")
                ? pluginsDir.resolve(first.substring("$PLUGINS/".length()))
                : Path.of(executable(first));
    }

    /** The macros a plugin line may use. */
    public static final Set<String> MACROS = Set.of("HOST", "PORT", "TIMEOUT", "SERVICE", "PLUGINS");

    public PluginCommand {
        words = List.copyOf(words);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong: nothing to run, an unbalanced quote, an
     *                                  unknown macro or a lone {@code $}
     */
    public static PluginCommand parse(String line) {
        List<String> words = CommandWords.split(line.strip(), "plugin command");
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty plugin command");
        }
        String first = words.get(0);
        boolean fromPlugins = first.startsWith("$PLUGINS/");
        if (first.contains("$") && !fromPlugins || first.contains("/") && !first.startsWith("/") && !fromPlugins) {
            throw new IllegalArgumentException("'" + first + "': name the plugin by its bare name (from "
                    + SYSTEM_PLUGINS + "), as $PLUGINS/NAME (the configuration's plugins/) or by its absolute path");
        }
        PluginCommand command = new PluginCommand(line.strip(), words);
        command.macrosUsed(); // fails on an unknown one
        return command;
    }

    /** The plugin's file name, as messages call it ({@code check_http}). */
    public String name() {
        String first = words.get(0);
        return first.substring(first.lastIndexOf('/') + 1);
    }

    /** The macros the line uses, in order of appearance. */
    public Set<String> macrosUsed() {
        Set<String> used = new LinkedHashSet<>();
        for (String word : words) {
            expand(word, macro -> {
                used.add(macro);
                return "";
            });
        }
        return used;
    }

    /**
     * The argument vector to execute.
     *
     * @param values a value for each macro the line uses
     */
    public List<String> argv(Map<String, String> values) {
        List<String> argv = new ArrayList<>(words.size());
        for (String word : words) {
            argv.add(expand(word, macro -> values.getOrDefault(macro, "")));
        }
        argv.set(0, executable(argv.get(0)));
        return argv;
    }

    private static String executable(String first) {
        return first.startsWith("/") ? first : SYSTEM_PLUGINS.resolve(first).toString();
    }

    private static String expand(String word, java.util.function.Function<String, String> valueOf) {
        int dollar = word.indexOf('$');
        if (dollar < 0) {
            return word;
        }
        StringBuilder out = new StringBuilder(word.length() + 16).append(word, 0, dollar);
        int i = dollar;
        while (i < word.length()) {
            char c = word.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
            } else if (i + 1 < word.length() && word.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else {
                int end = i + 1;
                while (end < word.length() && isMacroChar(word.charAt(end))) {
                    end++;
                }
                String macro = word.substring(i + 1, end);
                if (!MACROS.contains(macro)) {
                    throw new IllegalArgumentException(unknownMacro(macro));
                }
                out.append(valueOf.apply(macro));
                i = end;
            }
        }
        return out.toString();
    }

    private static boolean isMacroChar(char c) {
        return c >= 'A' && c <= 'Z' || c == '_';
    }

    private static String unknownMacro(String macro) {
        String known = "$HOST, $PORT, $TIMEOUT, $SERVICE, $PLUGINS";
        return macro.isEmpty()
                ? "a lone $ (write $$ for a dollar sign; macros are " + known + ")"
                : "unknown macro $" + macro + " (known: " + known + "; $$ is a dollar sign)";
    }
}
