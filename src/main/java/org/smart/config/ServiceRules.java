package org.smart.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rules a service's fields follow whichever file declares it, with relative paths and check
 * scripts resolved against the configuration directory. A remote service's configuration directory is
 * its host's {@code conf_dir}, which SMART cannot look into when it loads the configuration.
 */
final class ServiceRules {

    private final Path configDir;
    private final boolean remote;

    ServiceRules(Path configDir) {
        this(configDir, false);
    }

    private ServiceRules(Path configDir, boolean remote) {
        this.configDir = configDir;
        this.remote = remote;
    }

    /** The rules for a service of a remote host whose SMART directory is {@code remoteConfDir}. */
    static ServiceRules remote(Path remoteConfDir) {
        return new ServiceRules(remoteConfDir, true);
    }

    Path scriptsDir() {
        return configDir.resolve("scripts");
    }

    /** min_procs must not exceed max_procs; {@code maxName} is how the file calls the maximum. */
    static void bounds(int min, int max, String maxName) throws BadValueException {
        if (min > max) {
            throw new BadValueException(min + " is greater than " + maxName + " " + max);
        }
    }

    /** A pid or socket file; relative paths are taken relative to the configuration directory. */
    Path path(String text) throws BadValueException {
        return Values.optionalPath(text, configDir);
    }

    /**
     * A check script: empty for none, else the name of an executable regular file in {@code scripts/}.
     * A name with '/' is refused so that a service cannot run a file from outside that directory. A
     * remote host's script is only looked for when it runs.
     */
    String checkScript(String name) throws BadValueException {
        if (name == null || name.isEmpty()) {
            return "";
        }
        if (name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new BadValueException("'" + name + "' must be the name of a file in " + scriptsDir()
                    + ", without '/'");
        }
        if (remote) {
            return name;
        }
        Path script = scriptsDir().resolve(name);
        if (!Files.exists(script)) {
            throw new BadValueException("'" + name + "' does not exist in " + scriptsDir());
        }
        if (!Files.isRegularFile(script)) {
            throw new BadValueException("'" + script + "' is not a regular file");
        }
        if (!Files.isExecutable(script)) {
            throw new BadValueException("'" + script + "' is not executable; fix: chmod +x " + script);
        }
        return name;
    }
}
