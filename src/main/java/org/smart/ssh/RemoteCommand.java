package org.smart.ssh;

import java.util.List;

/**
 * One command to run on a remote host, as an argument vector. It is quoted word by word into the remote
 * command line, so no argument can change the meaning of another. Shell syntax (pipes, redirections) is
 * only available through {@link #shell(String)}, which runs the text with {@code sh -c}.
 */
public record RemoteCommand(List<String> argv) {

    public RemoteCommand {
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("empty remote command");
        }
        argv = List.copyOf(argv);
    }

    public static RemoteCommand of(String... argv) {
        return new RemoteCommand(List.of(argv));
    }

    /** A shell command line, run by the remote {@code sh -c}; costs one more process than an argv command. */
    public static RemoteCommand shell(String commandLine) {
        return new RemoteCommand(List.of("sh", "-c", commandLine));
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
