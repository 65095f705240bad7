package org.smart.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded configuration directory: the settings, the services that loaded cleanly and the problems
 * found on the way. A configuration with problems is still usable: bad lines are skipped and every
 * other service is monitored.
 */
public record Config(Path directory, HostSettings settings, List<ServiceSpec> services, List<ConfigProblem> problems) {

    public Config {
        services = List.copyOf(services);
        problems = List.copyOf(problems);
    }

    public Path scriptsDir() {
        return directory.resolve("scripts");
    }

    public Path pluginsDir() {
        return directory.resolve("plugins");
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
