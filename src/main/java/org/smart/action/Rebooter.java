package org.smart.action;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.exec.CommandRunner;
import org.smart.exec.ExecRequest;
import org.smart.exec.ExecResult;

/**
 * Runs REBOOT_COMMAND, the last resort of {@code --reboot}: the one home of that step, for a one-shot run and
 * for the daemon a one-shot run hands its {@code --reboot} to. The command gets only the allow-listed
 * environment it is given, never SMART's secrets.
 */
public final class Rebooter {

    private static final Logger log = LoggerFactory.getLogger(Rebooter.class);
    private static final Duration REBOOT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What running REBOOT_COMMAND did.
     *
     * @param succeeded whether it ran and exited 0 (the system is on its way down)
     * @param line      what happened, in one line for the operator
     */
    public record Outcome(boolean succeeded, String line) {
    }

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

    public String command() {
        return rebootCommand;
    }

    /** @param by who asked (the sudo user, or the control socket's caller), for the log */
    public Outcome reboot(String by) {
        List<String> argv = StartCommand.argv(rebootCommand, null, configDir);
        log.warn("rebooting: running '{}' as {} asked (--reboot)", rebootCommand, by);
        ExecResult result = runner.run(new ExecRequest(argv, environment, Path.of("/"), REBOOT_COMMAND_TIMEOUT));
        Outcome outcome = outcomeOf(result);
        if (!outcome.succeeded()) {
            log.error("{}", outcome.line());
        }
        return outcome;
    }

    private Outcome outcomeOf(ExecResult result) {
        if (!result.started()) {
            return new Outcome(false, "reboot FAILED: '" + rebootCommand + "' could not run: " + result.failure());
        }
        if (result.timedOut()) {
            return new Outcome(false, "reboot FAILED: '" + rebootCommand + "' did not return within "
                    + REBOOT_COMMAND_TIMEOUT.toSeconds() + " s and was killed");
        }
        return result.exitCode() == 0 ? new Outcome(true, "reboot: ran '" + rebootCommand + "'")
                : new Outcome(false, "reboot FAILED: '" + rebootCommand + "' exited " + result.exitCode() + ": "
                        + result.output().strip());
    }
}
