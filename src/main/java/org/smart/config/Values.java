package org.smart.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.smart.action.StartCommand;
import org.smart.model.WebhookFormat;
import org.smart.policy.RecoverMode;
import org.smart.state.RestartLimit;

/**
 * Parsers for the kinds of value the configuration files hold. host.conf, services.conf and smart.yml
 * share them, so the same mistake gets the same message in every file.
 */
final class Values {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;<>\"']+@[^@\\s,;<>\"']+");
    private static final Pattern NO_SPACE = Pattern.compile("\\S+");

    private Values() {
    }

    static String required(String text) throws BadValueException {
        if (text == null || text.isEmpty()) {
            throw new BadValueException("must not be empty");
        }
        return text;
    }

    /** A count such as max_procs: a whole number, 0 or more. */
    static int wholeNumber(String text) throws BadValueException {
        if (!WHOLE_NUMBER.matcher(required(text)).matches()) {
            throw new BadValueException("'" + text + "' is not a whole number >= 0");
        }
        return Integer.parseInt(text);
    }

    static int port(String text) throws BadValueException {
        int port = WHOLE_NUMBER.matcher(text).matches() ? Integer.parseInt(text) : 0;
        if (port < 1 || port > 65535) {
            throw new BadValueException("'" + text + "' is not a port number from 1 to 65535");
        }
        return port;
    }

    /** A positive number of seconds; decimals allowed ({@code 2.5}). */
    static Duration seconds(String text) throws BadValueException {
        if (!SECONDS.matcher(text).matches() || new BigDecimal(text).signum() <= 0) {
            throw new BadValueException("'" + text + "' is not a positive number of seconds (like 10 or 2.5)");
        }
        return Duration.ofNanos(new BigDecimal(text).movePointRight(9).longValue());
    }

    /** A number of seconds that may be 0 (meaning "none" or "at once", as the key says); decimals allowed. */
    static Duration secondsOrZero(String text) throws BadValueException {
        if (!SECONDS.matcher(text).matches()) {
            throw new BadValueException("'" + text + "' is not a number of seconds, 0 or more (like 0, 10 or 2.5)");
        }
        return Duration.ofNanos(new BigDecimal(text).movePointRight(9).longValue());
    }

    /** A count of at least 1, such as MAX_CHECK_ATTEMPTS. */
    static int positiveCount(String text) throws BadValueException {
        int count = wholeNumber(text);
        if (count < 1) {
            throw new BadValueException("'" + text + "' must be at least 1");
        }
        return count;
    }

    /** A percentage from 0 to 100, decimals allowed. */
    static double percent(String text) throws BadValueException {
        if (!SECONDS.matcher(required(text)).matches() || new BigDecimal(text).compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new BadValueException("'" + text + "' is not a percentage from 0 to 100");
        }
        return Double.parseDouble(text);
    }

    /** RECOVER: {@code d}, {@code w}, {@code wd} or {@code none}. */
    static RecoverMode recover(String text) throws BadValueException {
        try {
            return RecoverMode.parse(required(text));
        } catch (IllegalArgumentException e) {
            throw new BadValueException("'" + text + "' is not d, w, wd or none (which confirmed problems to repair)");
        }
    }

    /** RESTART_LIMIT: {@code N/M}, at most N restarts until the service has been OK for M checks in a row. */
    static RestartLimit restartLimit(String text) throws BadValueException {
        try {
            return RestartLimit.parse(required(text));
        } catch (IllegalArgumentException e) {
            throw new BadValueException("'" + text + "' is not N/M with N >= 1 and M >= 1 (at most N restarts until"
                    + " the service has been OK for M checks in a row, e.g. 3/5)");
        }
    }

    /** An http:// or https:// URL with a host. The URL is not quoted back: it may carry a token. */
    static WebhookFormat webhookFormat(String text) throws BadValueException {
        return WebhookFormat.byConfigName(text.strip()).orElseThrow(() -> new BadValueException("'" + text + "' is not "
                + WebhookFormat.choices() + " (the webhook's body: the whole notification as JSON, or a chat tool's text)"));
    }

    static URI webhookUrl(String text) throws BadValueException {
        if (text.isEmpty()) {
            return null;
        }
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme();
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new BadValueException("is not an http:// or https:// URL with a host name");
    }

    /**
     * A command to run, checked to be splittable into words and to name a program that can be a file name on
     * this machine (no NUL, nothing the locale cannot encode); empty means none.
     */
    static String command(String text, Path configDir) throws BadValueException {
        if (text == null || text.isBlank()) {
            return "";
        }
        ConfigText.printable(text);
        String program;
        try {
            program = StartCommand.argv(text, null, configDir).get(0);
        } catch (InvalidPathException e) {
            throw ConfigText.notAPath(text, e);
        } catch (IllegalArgumentException e) {
            throw new BadValueException("'" + text + "' cannot be split into words: " + e.getMessage());
        }
        try {
            Path.of(program);
        } catch (InvalidPathException e) {
            throw ConfigText.notAPath(program, e);
        }
        return text.strip();
    }

    static boolean flag(String text) throws BadValueException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "1" -> true;
            case "no", "false", "0" -> false;
            default -> throw new BadValueException("'" + text + "' is not yes, no, true, false, 1 or 0");
        };
    }

    static String address(String text) throws BadValueException {
        if (!ADDRESS.matcher(text).matches()) {
            throw new BadValueException("'" + text + "' does not look like an e-mail address (user@host)");
        }
        return text;
    }

    /** Comma-separated addresses; an empty value is an empty list. */
    static List<String> addresses(String text) throws BadValueException {
        List<String> addresses = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                addresses.add(address(part.trim()));
            }
        }
        return addresses;
    }

    /** The name of the machine SMART runs on (HOSTNAME): a name from the safe alphabet of host names. */
    static String hostname(String text) throws BadValueException {
        return ConfigText.hostName(text);
    }

    /** A host name or address: one word. */
    static String host(String text) throws BadValueException {
        if (!NO_SPACE.matcher(required(text)).matches()) {
            throw new BadValueException("'" + text + "' is not a host name or address");
        }
        return text;
    }

    /** A path; a relative one is taken relative to the configuration directory. */
    static Path path(String text, Path configDir) throws BadValueException {
        return ConfigText.resolve(configDir, required(text)).normalize();
    }

    /** Like {@link #path}, but an empty value means "none" (null). */
    static Path optionalPath(String text, Path configDir) throws BadValueException {
        return text == null || text.isEmpty() ? null : path(text, configDir);
    }

    private static final java.util.regex.Pattern GROUP_NAME = java.util.regex.Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    /** A Unix group name as useradd accepts it; empty means "root only". */
    static String groupName(String text) throws BadValueException {
        if (text == null || text.isEmpty()) {
            return "";
        }
        if (!GROUP_NAME.matcher(text).matches()) {
            throw new BadValueException("'" + text + "' is not a group name (lower-case letters, digits, '_' and"
                    + " '-', at most 32); leave it empty for root only");
        }
        return text;
    }
}
