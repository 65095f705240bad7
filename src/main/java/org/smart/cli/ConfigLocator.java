package org.smart.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.smart.model.PrintableText;

/**
 * Decides which configuration directory a command uses: {@code --conf}, else {@code $SMART_CONF},
 * else the system configuration. Through sudo neither override is accepted, because the caller
 * would otherwise choose the commands root runs.
 */
public final class ConfigLocator {

    /** The system configuration directory; an installation may point it elsewhere with -Dsmart.system.conf. */
    public static final String SYSTEM_CONF_PROPERTY = "smart.system.conf";

    private ConfigLocator() {
    }

    public static Path systemConfig() {
        return Path.of(System.getProperty(SYSTEM_CONF_PROPERTY, "/etc/smart"));
    }

    /** @throws RefusedException when the invocation may not choose its configuration */
    public static Path locate(Path confOption, Invocation invocation) {
        String fromEnv = invocation.environment().get("SMART_CONF");
        if (invocation.elevatedForAnotherUser()) {
            if (confOption != null) {
                throw new RefusedException("--conf is refused under sudo: SMART run by root for " + invocation.sudoUser()
                        + " uses only the system configuration " + systemConfig());
            }
            if (fromEnv != null && !fromEnv.isEmpty()) {
                throw new RefusedException("SMART_CONF is refused under sudo: SMART run by root for "
                        + invocation.sudoUser() + " uses only the system configuration " + systemConfig());
            }
            return systemConfig();
        }
        if (confOption != null) {
            return confOption;
        }
        return fromEnv != null && !fromEnv.isEmpty() ? fromEnvironment(fromEnv) : systemConfig();
    }

    private static Path fromEnvironment(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new RefusedException("SMART_CONF '" + PrintableText.visible(value) + "' is not a valid path: "
                    + e.getReason() + " (file-name encoding " + System.getProperty("sun.jnu.encoding")
                    + "; a UTF-8 locale such as LANG=C.UTF-8 takes any name)");
        }
    }

    /** A refusal to be shown to the user as it is, with exit code 3 ({@link Main} does so for every command). */
    public static final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RefusedException(String message) {
            super(message);
        }
    }
}
