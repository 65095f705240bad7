package org.smart.process;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts service start commands so that SMART never waits on them (SPEC §4): in a new session via
 * {@code setsid}, with stdin from /dev/null, output to a log file or nowhere, an exact environment
 * and no descriptors but 0-2 (the JDK closes every other descriptor in the child). A foreground
 * daemon keeps running after SMART exits, and never holds a pipe SMART reads.
 *
 * <p>setsid does not fork here (a JDK child is not a process group leader), so the returned
 * {@link Process} is the start command itself; its exit status is the command's.
 */
public final class DetachedLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(DetachedLauncher.class);
    private static final List<Path> SETSID_FALLBACKS = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final File DEV_NULL = new File("/dev/null");

    private final Path setsid;

    /** @throws IllegalStateException when setsid is neither on the PATH nor in /usr/bin or /bin */
    public DetachedLauncher() {
        this(findSetsid(System.getenv("PATH")).orElseThrow(() -> new IllegalStateException(
                "setsid not found on PATH or in /usr/bin, /bin (Debian package util-linux)")));
    }

    public DetachedLauncher(Path setsid) {
        this.setsid = setsid;
    }

    static Optional<Path> findSetsid(String searchPath) {
        Stream<Path> onPath = searchPath == null ? Stream.empty()
                : Stream.of(searchPath.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, "setsid"));
        return Stream.concat(onPath, SETSID_FALLBACKS.stream())
                .filter(Path::isAbsolute)
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Starts the command; returns at once. The caller may {@code waitFor} the result with a timeout
     * (an init script returns) or leave it (a daemon in the foreground runs on).
     *
     * @throws IOException when it cannot be started at all: missing working directory, log file that
     *                     cannot be opened, or a command given by path that is not executable
     */
    public Process launch(DetachedCommand command) throws IOException {
        checkExecutable(command);
        List<String> argv = new ArrayList<>(List.of(setsid.toString(), "--"));
        argv.addAll(command.argv());
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(command.workingDir().toFile())
                .redirectInput(Redirect.from(DEV_NULL))
                .redirectOutput(command.logFile() == null ? Redirect.DISCARD
                        : Redirect.appendTo(command.logFile().toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        Process process = builder.start();
        LOG.info("started pid {} detached: {}", process.pid(), command.argv().get(0));
        return process;
    }

    /** setsid would only report a bad path in the log file; saying it here reaches the operator. */
    private static void checkExecutable(DetachedCommand command) throws IOException {
        String program = command.argv().get(0);
        if (program.contains("/")) {
            Path path = command.workingDir().resolve(program);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new IOException("start command '" + program + "' is not an executable file");
            }
        }
    }
}
