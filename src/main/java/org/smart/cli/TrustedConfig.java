package org.smart.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.smart.action.StartCommand;
import org.smart.config.ConfigLoader;
import org.smart.model.Config;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;
import org.smart.model.ServiceSpec;
import org.smart.security.ConfigTrust;

/**
 * Loads the configuration a command may use. As root, a configuration that anyone but root can
 * change is refused whole: its scripts and start commands would run as root. So is one that makes
 * root run a program from elsewhere (a plugin, a start or notification command) that anyone but root
 * can change.
 */
final class TrustedConfig {

    private TrustedConfig() {
    }

    static Config load(Path confOption, Invocation invocation) {
        Path dir = ConfigLocator.locate(confOption, invocation);
        ConfigTrust trust = new ConfigTrust();
        if (invocation.root()) {
            refuseIfAny(trust.verifyRootOwned(dir));
        }
        Config config = new ConfigLoader().load(dir);
        if (invocation.root()) {
            refuseIfAny(untrustedPrograms(config, trust));
        }
        return config;
    }

    private static void refuseIfAny(List<ConfigProblem> untrusted) {
        if (!untrusted.isEmpty()) {
            StringBuilder message = new StringBuilder("refusing to run as root with a configuration that others can change:");
            untrusted.forEach(p -> message.append("\n  ").append(p));
            throw new ConfigLocator.RefusedException(message.toString());
        }
    }

    /** The programs this machine runs for the configuration, outside the trees {@link ConfigTrust} walks. */
    private static List<ConfigProblem> untrustedPrograms(Config config, ConfigTrust trust) {
        ProgramCheck check = new ProgramCheck(trust);
        for (ServiceSpec service : config.services()) {
            if (service.host() != null) {
                continue; // its programs run on its own host
            }
            if (service.plugin() != null) {
                check.verify(service.plugin().program(config.pluginsDir()), service.origin(), "plugin");
            }
            commandProgram(service.startCommand(), config)
                    .ifPresent(program -> check.verify(program, service.origin(), "start_command"));
        }
        commandProgram(config.settings().notifyCommand(), config)
                .ifPresent(program -> check.verify(program, Origin.of(config.directory(), 0), "NOTIFY_COMMAND"));
        return check.problems;
    }

    /**
     * The program of a start or notification command when it names one by its path. A bare name is found
     * in root's PATH, and a shell line's programs are the shell's business; both are left to the system.
     */
    private static Optional<Path> commandProgram(String command, Config config) {
        if (command.isBlank()) {
            return Optional.empty();
        }
        String program;
        try {
            program = StartCommand.program(command, config.directory());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not runnable at all; the run reports it where it would start it
        }
        return program.startsWith("/") ? Optional.of(Path.of(program)) : Optional.empty();
    }

    /** Verifies each program once: a thousand services may all run the same plugin. */
    private static final class ProgramCheck {
        private final ConfigTrust trust;
        private final Set<Path> trusted = new HashSet<>();
        private final List<ConfigProblem> problems = new ArrayList<>();

        ProgramCheck(ConfigTrust trust) {
            this.trust = trust;
        }

        void verify(Path program, Origin usedAt, String field) {
            if (trusted.contains(program)) {
                return;
            }
            List<ConfigProblem> found = trust.verifyRootOwnedProgram(program, usedAt, field);
            if (found.isEmpty()) {
                trusted.add(program);
            }
            problems.addAll(found);
        }
    }
}
