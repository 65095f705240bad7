package org.smart.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rules a service's fields follow whichever file declares it, with relative paths and check
 * scripts resolved against the configuration directory.
 */
final class ServiceRules {

    private final Path configDir;

    ServiceRules(Path configDir) {
        this.configDir = configDir;
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
     * A name with '/' is refused so that a service cannot run a file from outside that directory.
     */
    String checkScript(String name) throws BadValueException {
        if (name == null || name.isEmpty()) {
            return "";
        }
        if (name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new BadValueException("'" + name + "' must be the name of a file in " + scriptsDir()
                    + ", without '/'");
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
