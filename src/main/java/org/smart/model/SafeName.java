package org.smart.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names of services and remote hosts. SMART builds file names from them ({@code STATE_DIR/logs/NAME.log},
 * on a remote host too), passes them to check scripts and plugins ({@code $SERVICE}, {@code SMART_SERVICE}),
 * puts them in log lines, mail subjects and Nagios commands; so they are restricted to a safe alphabet:
 * letters, digits, {@code .}, {@code _}, {@code -} and {@code @} (for instances such as {@code getty@tty1}),
 * starting with a letter or a digit (never {@code .}, {@code ..} or an option-like {@code -x}), at most
 * {@value #MAX_LENGTH} characters. A remote host's name is also the default SSH address, so it has no
 * {@code @}.
 */
public final class SafeName {

    public static final int MAX_LENGTH = 100;

    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private SafeName() {
    }

    /** What is wrong with a service name, or empty when it is safe. */
    public static Optional<String> serviceNameProblem(String name) {
        return problem(name, SERVICE, "a service name (it becomes a file name, STATE_DIR/logs/NAME.log): use"
                + " letters, digits, '.', '_', '-' and '@'");
    }

    /** What is wrong with a remote host's name, or empty when it is safe. */
    public static Optional<String> hostNameProblem(String name) {
        return problem(name, HOST, "a host name: use letters, digits, '.', '_' and '-'");
    }

    public static boolean isSafeServiceName(String name) {
        return serviceNameProblem(name).isEmpty();
    }

    private static Optional<String> problem(String name, Pattern alphabet, String rule) {
        if (name == null || name.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is " + name.length() + " characters long; a name has at most " + MAX_LENGTH);
        }
        if (!alphabet.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not " + rule + ", starting with a letter or a digit");
        }
        return Optional.empty();
    }
}
