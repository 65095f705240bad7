package org.smart.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import org.smart.action.ServiceLauncher;
import org.smart.action.StartedCommand;
import org.smart.process.DetachedCommand;
import org.smart.ssh.RemoteCommand;
import org.smart.ssh.RemoteResult;

/**
 * Starts a remote service's start command detached, as SMART does locally: in a new session ({@code setsid}),
 * with exactly its environment, stdin from /dev/null and its output discarded, in the background of a shell
 * that prints its pid and exits at once. So the channel closes at once, the daemon outlives it, and the
 * host's connection is never held by a service.
 */
final class RemoteLauncher implements ServiceLauncher {

    private static final String START = """
            cd -- "$1" || exit 126; shift
            setsid env -i HOME="$HOME" "$@" </dev/null >/dev/null 2>&1 &
            echo $!
            """;
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final HostLink link;

    RemoteLauncher(HostLink link) {
        this.link = link;
    }

    @Override
    public StartedCommand launch(DetachedCommand command) throws IOException {
        RemoteResult result;
        try {
            result = link.run(new RemoteCommand(RemoteCommand.script(START, "smart-start", command.workingDir(),
                    command.environment(), command.argv())), LIMIT);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        String out = result.stdout().strip();
        if (result.outcome() != RemoteResult.Outcome.COMPLETED || result.exitCode() != 0 || !out.matches("\\d+")) {
            String why = result.reason() != null ? result.reason()
                    : "exit status " + result.exitCode() + ": " + (out + " " + result.stderr()).strip();
            throw new IOException("cannot start it on host " + link.name() + ": " + why);
        }
        long pid = Long.parseLong(out);
        return new StartedCommand() {
            @Override
            public long pid() {
                return pid;
            }

            @Override
            public OptionalInt exitStatus() {
                return OptionalInt.empty();
            }
        };
    }
}
