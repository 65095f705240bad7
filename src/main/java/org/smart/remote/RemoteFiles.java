package org.smart.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.smart.action.FileRemover;
import org.smart.ssh.RemoteCommand;
import org.smart.ssh.RemoteResult;

/** Removes a remote service's stale pid and socket files. */
final class RemoteFiles implements FileRemover {

    /** Exit 0: removed; 3: nothing to remove (absent or a directory); else rm's own error. */
    private static final String REMOVE = """
            if [ ! -e "$1" ] && [ ! -L "$1" ]; then exit 3; fi
            if [ -d "$1" ]; then exit 3; fi
            exec rm -f -- "$1"
            """;
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final HostLink link;

    RemoteFiles(HostLink link) {
        this.link = link;
    }

    @Override
    public boolean removeIfPresent(Path file) throws IOException {
        RemoteResult result = link.run(RemoteCommand.of("sh", "-c", REMOVE, "smart-rm", file.toString()), LIMIT);
        if (result.outcome() == RemoteResult.Outcome.COMPLETED && result.exitCode() == 3) {
            return false;
        }
        if (result.outcome() != RemoteResult.Outcome.COMPLETED || result.exitCode() != 0) {
            String why = result.reason() != null ? result.reason() : (result.stdout() + result.stderr()).strip();
            throw new IOException("on host " + link.name() + ": " + why);
        }
        return true;
    }
}
