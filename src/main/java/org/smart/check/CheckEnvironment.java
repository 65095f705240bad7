package org.smart.check;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a check needs to know about where it runs: the configuration's scripts and plugins
 * directories, the address checks talk to, the timeout and the environment children start from.
 */
public record CheckEnvironment(Path scriptsDir, Path pluginsDir, String checkHost, Duration timeout,
                               Map<String, String> baseEnvironment, Path workingDir) {

    public CheckEnvironment {
        baseEnvironment = Map.copyOf(baseEnvironment);
    }

    /** Whole seconds, as check scripts receive the timeout in {@code $3}; never 0. */
    public long timeoutSeconds() {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }
}
