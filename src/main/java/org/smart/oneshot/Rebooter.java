package org.smart.oneshot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.action.StartCommand;
import org.smart.exec.CommandRunner;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;

/** Runs REBOOT_COMMAND, the last resort of {@code --reboot}. */
public final class Rebooter {

    private static final Logger log = LoggerFactory.getLogger(Rebooter.class);
    private static final Duration REBOOT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final String rebootCommand;
    private final Path configDir;
    private final Map<String, String> environment;
    private final CommandRunner runner;

    public Rebooter(String rebootCommand, Path configDir, Map<String, String> environment, CommandRunner runner) {
        this.rebootCommand = rebootCommand;
        this.configDir = configDir;
        this.environment = Map.copyOf(environment);
        this.runner = runner;
    }

    /** @return what happened, in words */
    public String reboot() {
        List<String> argv = StartCommand.argv(rebootCommand, null, configDir);
        log.warn("rebooting: running '{}' as requested by --reboot", rebootCommand);
        ExecResult result = runner.run(new ExecRequest(argv, environment, Path.of("/"), REBOOT_COMMAND_TIMEOUT));
        if (!result.started()) {
            return "reboot FAILED: '" + rebootCommand + "' could not run: " + result.failure();
        }
        if (result.timedOut()) {
            return "reboot: '" + rebootCommand + "' did not return within " + REBOOT_COMMAND_TIMEOUT.toSeconds() + " s";
        }
        return result.exitCode() == 0 ? "reboot: ran '" + rebootCommand + "'"
                : "reboot FAILED: '" + rebootCommand + "' exited " + result.exitCode() + ": " + result.output().strip();
    }
}
