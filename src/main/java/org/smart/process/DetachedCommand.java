package org.smart.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service start command to launch detached from SMART.
 *
 * @param argv        the command and its arguments (never a shell string built from data)
 * @param environment the complete environment of the service: nothing of SMART's own is inherited
 * @param workingDir  the directory it starts in
 * @param logFile     where its stdout and stderr are appended, or null to discard them
 */
public record DetachedCommand(List<String> argv, Map<String, String> environment, Path workingDir, Path logFile) {

    public DetachedCommand {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty start command");
        }
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDir, "workingDir");
    }
}
