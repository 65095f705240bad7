package org.smart.cli;

import java.nio.file.Path;
import java.util.List;
import org.smart.config.ConfigLoader;
import org.smart.model.Config;
import org.smart.model.ConfigProblem;
import org.smart.security.ConfigTrust;

/**
 * Loads the configuration a command may use. As root, a configuration that anyone but root can
 * change is refused whole: its scripts and start commands would run as root.
 */
final class TrustedConfig {

    private TrustedConfig() {
    }

    static Config load(Path confOption, Invocation invocation) {
        Path dir = ConfigLocator.locate(confOption, invocation);
        if (invocation.root()) {
            List<ConfigProblem> untrusted = new ConfigTrust().verifyRootOwned(dir);
            if (!untrusted.isEmpty()) {
                StringBuilder message = new StringBuilder("refusing to run as root with a configuration that others can change:");
                untrusted.forEach(p -> message.append("\n  ").append(p));
                throw new ConfigLocator.RefusedException(message.toString());
            }
        }
        return new ConfigLoader().load(dir);
    }
}
