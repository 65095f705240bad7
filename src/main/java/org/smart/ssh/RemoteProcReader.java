package org.smart.ssh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.smart.process.ProcessTable;

/**
 * Lists a remote host's processes with one cheap command per round: a POSIX sh script that runs one
 * {@code cat} over every {@code /proc/PID/stat} and {@code /proc/PID/cmdline}
 * with a separator file between them, after the pid of the listing shell itself, so that the table knows which
 * processes are SMART's own on that host (that shell, its ancestors, its session). The separator holds a random token sent on stdin only (the file's name,
 * which does show on cat's command line, uses another), so no process can forge it through its command line.
 * No awk, no per-process fork.
 */
public final class RemoteProcReader {
    /** A busy host's listing is a few hundred KiB. */
    static final int OUTPUT_CAP = 32 * 1024 * 1024;

    private static final String SCRIPT = """
            cd /proc || exit 1
            B=%1$s
            s=${TMPDIR:-/tmp}/.smart-proc.$$.%2$s
            umask 077
            set -C
            printf '\\n%%s\\n' "$B" > "$s" || exit 1
            set +C
            printf '%%s\n%%s\n' "$$" "$B"
            for p in [0-9]*; do printf '%%s\\000%%s\\000%%s\\000%%s\\000' "$p/stat" "$s" "$p/cmdline" "$s"; done |
              xargs -0 cat -- 2>/dev/null
            rm -f -- "$s"
            """;

    private final SshConnection connection;

    public RemoteProcReader(SshConnection connection) {
        this.connection = connection;
    }

    /** The host's processes, within the host's default command timeout. */
    public CompletableFuture<ProcessTable> read() {
        return read(connection.host().commandTimeout());
    }

    /**
     * The host's processes. Completes exceptionally with {@link RemoteCommandException} (holding the
     * {@link RemoteResult}) when the listing could not be taken, e.g. because the host is unreachable, and with an
     * {@link IllegalArgumentException} when it is inconsistent (a pid twice).
     */
    public CompletableFuture<ProcessTable> read(Duration timeout) {
        String token = connection.newToken();
        byte[] script = SCRIPT.formatted(token, connection.newToken()).getBytes(StandardCharsets.US_ASCII);
        return connection.execScript(script, timeout, OUTPUT_CAP).thenApply(raw -> {
            RemoteResult result = raw.result();
            if (result.outcome() != RemoteResult.Outcome.COMPLETED || result.truncated()) {
                throw new RemoteCommandException("cannot list processes on " + connection.host().name(), result);
            }
            return ProcDumpParser.parse(raw.stdout(), token);
        });
    }
}
