package org.smart.remote;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.smart.exec.CommandRunner;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;
import org.smart.ssh.RemoteCommand;

/**
 * Runs check scripts, plugins and {@code start_command stop} on a remote host, each on its own channel of the
 * host's connection (at most its channel limit at once; more wait their turn), with exactly the request's
 * environment and working directory:
 *
 * <pre>sh -c 'cd -- "$1" || exit 126; shift; exec env -i HOME="$HOME" "$@"' smart DIR NAME=VALUE... PROGRAM ARGS...</pre>
 *
 * Every word is quoted, so nothing in a service's configuration is read as shell syntax. The environment holds no
 * secret (it is visible in the remote process list): it is the SMART_* variables and a minimal PATH.
 * A command that passes its timeout is killed on the remote side and reported as timed out; a lost connection
 * is not a result at all but an {@link org.smart.check.UnreachableException}.
 */
final class RemoteCommandRunner implements CommandRunner {

    private final HostLink link;

    RemoteCommandRunner(HostLink link) {
        this.link = link;
    }

    @Override
    public ExecResult run(ExecRequest request) {
        RemoteCommand command;
        try {
            command = command(request.workingDir(), request.environment(), request.argv());
        } catch (IllegalArgumentException e) {
            return ExecResult.notStarted(e.getMessage());
        }
        return link.run(command, request.timeout()).toExecResult();
    }

    /** The remote command that runs {@code argv} in {@code dir} with exactly {@code environment}. */
    static RemoteCommand command(Path dir, Map<String, String> environment, List<String> argv) {
        return RemoteCommand.inDirectory(dir, environment, argv);
    }
}
