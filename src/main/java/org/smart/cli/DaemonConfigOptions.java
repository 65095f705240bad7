package org.smart.cli;

import java.nio.file.Path;
import org.smart.model.Config;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the commands that work with the daemon's configuration and state ({@code daemon},
 * {@code status}, {@code reset}): {@code --conf} and {@code --state-dir}, which overrides STATE_DIR.
 * One mixin, so that the three commands cannot come to read their configuration differently.
 */
final class DaemonConfigOptions {

    @Mixin
    SmartCommand.ConfOption conf;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory (default: STATE_DIR from the configuration, else /var/lib/smart)."
                    + " Refused under sudo.")
    Path stateDir;

    /**
     * The configuration these options name, with the state directory of {@code --state-dir} if one was given.
     *
     * @throws ConfigLocator.RefusedException when the invocation may not use that configuration
     */
    Config load(Invocation invocation) {
        refuseStateDirUnderSudo(invocation);
        Config config = TrustedConfig.load(conf.dir, invocation);
        if (stateDir == null) {
            return config;
        }
        return config.withSettings(config.settings().withStateDir(stateDir.toAbsolutePath().normalize()));
    }

    /**
     * Root writes its state, pid file, spool and start logs in the state directory and reads them back: an
     * operator allowed only to run SMART through sudo must not choose where, as it may not choose
     * the configuration.
     */
    private void refuseStateDirUnderSudo(Invocation invocation) {
        if (stateDir != null && invocation.elevatedForAnotherUser()) {
            throw new ConfigLocator.RefusedException("--state-dir is refused under sudo: SMART run by root for "
                    + invocation.sudoUser() + " uses only STATE_DIR of the system configuration "
                    + ConfigLocator.systemConfig());
        }
    }
}
