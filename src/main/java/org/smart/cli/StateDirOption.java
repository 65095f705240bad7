package org.smart.cli;

import java.nio.file.Path;
import org.smart.model.Config;
import picocli.CommandLine.Option;

/** The {@code --state-dir} option of the daemon commands: overrides STATE_DIR. */
final class StateDirOption {

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory (default: STATE_DIR from the configuration, else /var/lib/smart).")
    Path dir;

    /** The configuration with this option's state directory, if one was given. */
    Config applyTo(Config config) {
        if (dir == null) {
            return config;
        }
        return config.withSettings(config.settings().withStateDir(dir.toAbsolutePath().normalize()));
    }
}
