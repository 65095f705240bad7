package org.smart.action;

import java.nio.file.Path;
import java.util.Map;
import org.smart.model.HostSettings;
import org.smart.model.SafeName;
import org.smart.model.ServiceSpec;

/**
 * What a restart needs from the configuration: the settings (timeouts), the configuration
 * directory (relative start commands), the environment started services get, and where their
 * output goes.
 */
public record RestartEnvironment(HostSettings settings, Path configDir, Map<String, String> childEnvironment,
                                 Path startLogDir) {

    public RestartEnvironment {
        childEnvironment = Map.copyOf(childEnvironment);
    }

    /**
     * The file a started service's stdout and stderr go to, or null for /dev/null. The configuration refuses a
     * name outside {@link SafeName}'s alphabet; should one come here anyway, its output goes nowhere rather than
     * to a path the name chose ({@code ../../x}).
     */
    public Path startLog(ServiceSpec spec) {
        if (startLogDir == null || !SafeName.isSafeServiceName(spec.name())) {
            return null;
        }
        return startLogDir.resolve(spec.name() + ".log");
    }
}
