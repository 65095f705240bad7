package org.smart.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smart.action.ServiceLauncher;
import org.smart.action.StartedCommand;
import org.smart.exec.Futures;
import org.smart.process.DetachedCommand;
import org.smart.ssh.RemoteCommand;
import org.smart.ssh.RemoteResult;

/**
 * Starts a remote service's start command detached, as SMART does locally: in a new session ({@code setsid}),
 * with exactly its environment, stdin from /dev/null, and its output appended to its start log on the host
 * (the command's log file, relative to the remote user's HOME; /dev/null if it cannot be written), so the
 * daemon never holds the channel or depends on the connection.
 *
 * <p>The shell that started it stays on the channel and waits for it, up to {@code limit} (the start timeout):
 * the pid comes back at once, and if the command exits within the limit, its exit status and the end of what
 * it printed follow, so a restart reports a failing remote start command exactly as a local one. A daemon that
 * runs on in the foreground is left alone when the limit ends the wait.
 *
 * <p>A waiting start holds one of the host's channels, which the restart's own re-checks need too; so at most
 * {@link #LONG_WAITS} starts of a host wait the whole limit at once, and any others only {@link #SHORT_WAIT}
 * (enough for a start command that fails at once, the usual way), so many restarts at once never take all the
 * channels their re-checks wait for.
 */
final class RemoteLauncher implements ServiceLauncher {

    /** Where a remote start log goes when the command has none: nowhere. */
    static final Path NO_LOG = Path.of("/dev/null");

    private static final String START = """
            l=$1
            cd -- "$2" || exit 126
            shift 2
            case $l in /*) ;; *) l=$HOME/$l;; esac
            if [ "$l" != /dev/null ] && (umask 077; mkdir -p -- "${l%%/*}" && : >> "$l") 2>/dev/null; then
              s=$(wc -c < "$l")
            else
              l=/dev/null s=0
            fi
            setsid env -i HOME="$HOME" "$@" </dev/null >>"$l" 2>&1 &
            p=$!
            echo "$p"
            wait "$p"
            echo "exit $?"
            [ "$l" = /dev/null ] || tail -c +$((s + 1)) -- "$l" | tail -c %d
            """.formatted(StartedCommand.OUTPUT_TAIL);
    private static final Pattern EXITED = Pattern.compile("\\d+\nexit (\\d+)\n(.*)", Pattern.DOTALL);

    /** How many starts of one host may wait for their command's exit the whole limit at once. */
    static final int LONG_WAITS = 2;
    /** How long the other starts wait. */
    static final Duration SHORT_WAIT = Duration.ofSeconds(2);

    private final HostLink link;
    private final Duration limit;
    private final Semaphore longWaits = new Semaphore(LONG_WAITS);

    /** @param limit how long the start command's exit status is waited for */
    RemoteLauncher(HostLink link, Duration limit) {
        this.link = link;
        this.limit = limit;
    }

    @Override
    public StartedCommand launch(DetachedCommand command) throws IOException {
        CompletableFuture<String> pidLine = new CompletableFuture<>();
        CompletableFuture<RemoteResult> run = startAndWait(command, pidLine);
        String pid = Futures.join(pidLine);
        if (pid == null || !pid.matches("\\d+")) {
            RemoteResult result = link.connected(Futures.join(run));
            String why = result.reason() != null ? result.reason()
                    : "exit status " + result.exitCode() + ": " + (result.stdout() + " " + result.stderr()).strip();
            throw new IOException("cannot start it on host " + link.name() + ": " + why);
        }
        return started(Long.parseLong(pid), run);
    }

    /** Runs {@code START}: {@code pidLine} gets its first line, or null if the channel ends without one. */
    private CompletableFuture<RemoteResult> startAndWait(DetachedCommand command, CompletableFuture<String> pidLine)
            throws IOException {
        RemoteCommand start;
        try {
            List<String> words = new ArrayList<>(RemoteCommand.script(START, "smart-start", command.workingDir(),
                    command.environment(), command.argv()));
            words.add(4, (command.logFile() == null ? NO_LOG : command.logFile()).toString());  // before the directory
            start = new RemoteCommand(words);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        boolean longWait = longWaits.tryAcquire();
        Duration wait = longWait || limit.compareTo(SHORT_WAIT) < 0 ? limit : SHORT_WAIT;
        CompletableFuture<RemoteResult> run = link.connection().exec(start, wait, pidLine::complete);
        return run.whenComplete((result, error) -> {
            if (longWait) {
                longWaits.release();
            }
            pidLine.complete(null);
        });
    }

    private static StartedCommand started(long pid, CompletableFuture<RemoteResult> run) {
        return new StartedCommand() {
            @Override
            public long pid() {
                return pid;
            }

            @Override
            public OptionalInt exitStatus() {
                Matcher exited = exited(run);
                return exited == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(exited.group(1)));
            }

            @Override
            public String output() {
                Matcher exited = exited(run);
                return exited == null ? "" : exited.group(2);
            }
        };
    }

    /** The waiting shell's report, once the command has exited within the limit. */
    private static Matcher exited(CompletableFuture<RemoteResult> run) {
        RemoteResult result = run.getNow(null);
        if (result == null || result.outcome() != RemoteResult.Outcome.COMPLETED) {
            return null;
        }
        Matcher matcher = EXITED.matcher(result.stdout());
        return matcher.matches() ? matcher : null;
    }
}
