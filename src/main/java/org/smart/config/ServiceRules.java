package org.smart.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.smart.action.StartCommand;
import org.smart.exec.ChildEnvironment;
import org.smart.exec.Executables;
import org.smart.model.PluginCommand;

/**
 * The rules a service's fields follow whichever file declares it, with relative paths and check
 * scripts resolved against the configuration directory. A remote service's configuration directory is
 * its host's {@code conf_dir}, which SMART cannot look into when it loads the configuration.
 */
final class ServiceRules {

    /** Where a start command runs (see the restarter). */
    private static final Path ROOT = Path.of("/");

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

    /** A start command: empty for none, else a command {@link Values#command} accepts. */
    String startCommand(String text) throws BadValueException {
        return Values.command(text, configDir);
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
        if (ConfigText.printable(name).contains("/") || name.equals(".") || name.equals("..")) {
            throw new BadValueException("'" + name + "' must be the name of a file in " + scriptsDir()
                    + ", without '/'");
        }
        Path script = ConfigText.resolve(scriptsDir(), name);
        if (remote) {
            return name;
        }
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

    /**
     * A start command's program must be there to run, found as a restart would find it ({@link StartCommand},
     * {@link Executables}, with the PATH started services get). When it is not, the service is still checked
     * and notified about, so this is reported without dropping it; its restarts fail at once. A remote host's
     * program is only looked for when it runs.
     */
    void startProgram(String command) throws BadValueException {
        if (remote || command == null || command.isBlank()) {
            return;
        }
        String program;
        try {
            program = StartCommand.program(command, configDir);
        } catch (IllegalArgumentException e) {
            throw new BadValueException("'" + command + "': " + e.getMessage());
        }
        Optional<String> why = Executables.whyNot(program, ChildEnvironment.ofCurrentProcess().variables(), ROOT);
        if (why.isPresent()) {
            throw new BadValueException(why.get() + "; the service is checked, but cannot be restarted until it is there");
        }
    }

    /**
     * A plugin command line: null for none. Refused when the service also names a check script, when it
     * uses a macro SMART does not know or {@code $PORT} without a port, and on this machine when the
     * plugin is not an executable file.
     */
    PluginCommand plugin(String line, String checkScript, int port) throws BadValueException {
        if (line == null || line.isBlank()) {
            return null;
        }
        if (!checkScript.isEmpty()) {
            throw new BadValueException("a service runs either a check script (check) or a plugin, not both");
        }
        PluginCommand plugin;
        try {
            plugin = PluginCommand.parse(ConfigText.printable(line));
        } catch (IllegalArgumentException e) {
            throw new BadValueException("'" + line + "': " + e.getMessage());
        }
        if (port == 0 && plugin.macrosUsed().contains("PORT")) {
            throw new BadValueException("'" + line + "' uses $PORT, but the service has no port");
        }
        String program = plugin.argv(Map.of("PLUGINS", configDir.resolve("plugins").toString())).get(0);
        Path file = ConfigText.resolve(configDir, program);
        if (!remote) {
            requireExecutable(file);
        }
        return plugin;
    }

    private static void requireExecutable(Path plugin) throws BadValueException {
        if (!Files.exists(plugin)) {
            throw new BadValueException("'" + plugin + "' does not exist"
                    + (plugin.startsWith(PluginCommand.SYSTEM_PLUGINS)
                    ? " (install the standard plugins: apt install monitoring-plugins; or give the plugin's full path)"
                    : ""));
        }
        if (!Files.isRegularFile(plugin) || !Files.isExecutable(plugin)) {
            throw new BadValueException("'" + plugin + "' is not an executable file");
        }
    }
}
