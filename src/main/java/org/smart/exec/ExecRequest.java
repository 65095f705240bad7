package org.smart.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A command to run: its argument vector (never a shell string built from data), the complete
 * environment the child gets (nothing is inherited, so secrets in SMART's own environment never
 * reach plugins), its working directory and how long it may take.
 */
public record ExecRequest(List<String> argv, Map<String, String> environment, Path workingDir, Duration timeout) {

    public ExecRequest {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }
}
