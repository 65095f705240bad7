package org.smart.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.smart.action.FileRemover;
import org.smart.ssh.RemoteCommand;
import org.smart.ssh.RemoteResult;

/**
 * Removes a remote service's stale pid and socket files, with the same rule as on this machine: a pid
 * file only when it is a regular file (not a link) holding a process id, a socket file only when it is
 * a socket.
 */
final class RemoteFiles implements FileRemover {

    /** Exit 0: removed; 3: nothing to remove; 4: kept, the reason on stdout; else rm's own error. */
    private static final String REMOVE = """
            if [ ! -e "$1" ] && [ ! -L "$1" ]; then exit 3; fi
            if [ -L "$1" ]; then echo 'it is a symbolic link'; exit 4; fi
            if [ "$2" = pid ]; then
              [ -f "$1" ] || { echo 'it is not a regular file'; exit 4; }
              a= b=; IFS=' \t' read -r a b < "$1"
              case "$a" in ''|*[!0-9]*) echo 'it holds no process id'; exit 4;; esac
              [ -z "$b" ] || { echo 'it holds no process id'; exit 4; }
            else
              [ -S "$1" ] || { echo 'it is not a socket'; exit 4; }
            fi
            exec rm -f -- "$1"
            """;
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final HostLink link;

    RemoteFiles(HostLink link) {
        this.link = link;
    }

    @Override
    public Removal removeStale(Path file, Kind kind) throws IOException {
        RemoteResult result = link.run(RemoteCommand.of("sh", "-c", REMOVE, "smart-rm", file.toString(),
                kind == Kind.PID_FILE ? "pid" : "socket"), LIMIT);
        if (result.outcome() == RemoteResult.Outcome.COMPLETED && result.exitCode() == 3) {
            return new Removal(false, null);
        }
        if (result.outcome() == RemoteResult.Outcome.COMPLETED && result.exitCode() == 4) {
            return new Removal(false, result.stdout().strip() + " (on host " + link.name() + ")");
        }
        if (result.outcome() != RemoteResult.Outcome.COMPLETED || result.exitCode() != 0) {
            String why = result.reason() != null ? result.reason() : (result.stdout() + result.stderr()).strip();
            throw new IOException("on host " + link.name() + ": " + why);
        }
        return new Removal(true, null);
    }
}
