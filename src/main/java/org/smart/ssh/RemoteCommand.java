package org.smart.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One command to run on a remote host, as an argument vector. It is quoted word by word into the remote
 * command line, so no argument can change the meaning of another. Shell syntax (pipes, redirections) is
 * only available through {@link #shell(String)}, which runs the text with {@code sh -c}.
 *
 * @param argv  what runs on a channel of its own
 * @param parts for a command made by {@link #inDirectory}: its directory, environment and program, so a batch
 *              can run it from its own shell with one fork and exec instead of {@code sh} and {@code env}
 *              in between; null otherwise (and when a variable's name is not one the shell can assign)
 */
public record RemoteCommand(List<String> argv, InDirectory parts) {

    /**
     * {@code sh -c} script that runs {@code "$2"...} in directory {@code "$1"} with exactly the
     * {@code NAME=VALUE} words that follow it as environment, plus the remote user's HOME.
     */
    public static final String IN_DIRECTORY = "cd -- \"$1\" || exit 126; shift; exec env -i HOME=\"$HOME\" \"$@\"";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A program run in a directory with exactly an environment. */
    public record InDirectory(Path dir, Map<String, String> environment, List<String> program) {
        public InDirectory {
            environment = new TreeMap<>(environment);
            program = List.copyOf(program);
        }
    }

    public RemoteCommand {
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("empty remote command");
        }
        argv = List.copyOf(argv);
    }

    public RemoteCommand(List<String> argv) {
        this(argv, null);
    }

    public static RemoteCommand of(String... argv) {
        return new RemoteCommand(List.of(argv));
    }

    /** A shell command line, run by the remote {@code sh -c}; costs one more process than an argv command. */
    public static RemoteCommand shell(String commandLine) {
        return new RemoteCommand(List.of("sh", "-c", commandLine));
    }

    /**
     * Runs {@code program} in {@code dir} with exactly {@code environment} (and the remote user's HOME): on a
     * channel of its own as {@code sh -c IN_DIRECTORY smart DIR NAME=VALUE... PROGRAM ARGS...}.
     *
     * @throws IllegalArgumentException when the program's name holds '=' (env would take it for a variable)
     *                                  or a word holds a NUL byte
     */
    public static RemoteCommand inDirectory(Path dir, Map<String, String> environment, List<String> program) {
        List<String> argv = script(IN_DIRECTORY, "smart", dir, environment, program);
        boolean plainNames = environment.keySet().stream().allMatch(name -> NAME.matcher(name).matches());
        return new RemoteCommand(argv, plainNames ? new InDirectory(dir, environment, program) : null);
    }

    /**
     * {@code sh -c SCRIPT NAME DIR NAME=VALUE... PROGRAM ARGS...}: for a script that changes to {@code "$1"}
     * and hands the rest to {@code env -i}.
     *
     * @throws IllegalArgumentException when the program's name holds '=' or a word holds a NUL byte
     */
    public static List<String> script(String script, String name, Path dir, Map<String, String> environment,
                                      List<String> program) {
        if (program.get(0).contains("=")) {
            throw new IllegalArgumentException("a remote program name cannot contain '=': '" + program.get(0) + "'");
        }
        List<String> words = new ArrayList<>(List.of("sh", "-c", script, name, dir.toString()));
        new TreeMap<>(environment).forEach((variable, value) -> words.add(variable + "=" + value));
        words.addAll(program);
        if (words.stream().anyMatch(word -> word.indexOf('\0') >= 0)) {  // now, not when the command is sent
            throw new IllegalArgumentException("a shell word cannot hold a NUL byte");
        }
        return words;
    }

    /** The command as one line of POSIX shell text. */
    public String quoted() {
        return ShellQuoting.quote(argv);
    }

    @Override
    public String toString() {
        return quoted();
    }
}
