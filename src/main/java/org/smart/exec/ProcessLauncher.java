package org.smart.exec;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a request's command: finds the executable (naming what is wrong when it cannot), gives the
 * child exactly the request's environment and working directory, stdin from {@code /dev/null}, and
 * stderr merged into stdout (as Icinga does). A command that gets a session of its own (see
 * {@link ProcessIsolation}) is started through {@code setsid(1)}.
 */
final class ProcessLauncher {

    private static final Redirect NO_INPUT = Redirect.from(new File("/dev/null"));
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private final ProcessIsolation isolation;
    private final List<String> sessionPrefix;
    private final Map<Path, Boolean> compiled = new ConcurrentHashMap<>();

    ProcessLauncher(ProcessIsolation isolation) {
        this.isolation = isolation;
        this.sessionPrefix = isolation == ProcessIsolation.DIRECT ? List.of() : List.of(findSetsid(), "--");
    }

    RunningCommand start(ExecRequest request, int outputCap) throws StartFailure {
        Path workingDir = request.workingDir();
        if (workingDir != null && !Files.isDirectory(workingDir)) {
            throw new StartFailure("working directory " + workingDir + ": no such directory");
        }
        List<String> argv = request.argv();
        Path executable = Executables.find(argv.get(0), request.environment(), workingDir);
        boolean ownSession = ownSession(executable);
        List<String> command = new ArrayList<>(sessionPrefix.size() + argv.size());
        if (ownSession) {
            command.addAll(sessionPrefix);
        }
        command.add(executable.toString());
        command.addAll(argv.subList(1, argv.size()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(NO_INPUT).redirectErrorStream(true);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(request.environment());
        try {
            return RunningCommand.start(builder, outputCap, ownSession);
        } catch (IOException | RuntimeException e) {
            throw new StartFailure(argv.get(0) + ": cannot start: " + e.getMessage());
        }
    }

    private boolean ownSession(Path executable) {
        return switch (isolation) {
            case OWN_SESSION -> true;
            case DIRECT -> false;
            case AUTO -> !compiled.computeIfAbsent(executable, ProcessLauncher::isElf);
        };
    }

    /** Read once per path and remembered: plugins do not turn from binaries into scripts while SMART runs. */
    private static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ELF_MAGIC.length), ELF_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    private static String findSetsid() {
        return SETSID.stream().filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("setsid(1) from util-linux is needed, not found in " + SETSID));
    }
}
