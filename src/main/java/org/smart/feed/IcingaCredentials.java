package org.smart.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Icinga 2 API user and its password. {@link #toString()} never shows the password, and nothing
 * in this package logs {@link #basicAuthHeader()}.
 *
 * <p>They come from an owner-only file or from the environment, never from a command line:
 * <pre>
 * # /etc/smart/icinga-api.cred  (chmod 600)
 * user=smart
 * password=s3cret
 * </pre>
 * Lines are {@code key=value}; blank lines and lines starting with {@code #} are ignored; the value
 * is taken as it is (no quotes, no trimming of the password). A file that grants its group or
 * others any read or write permission is refused. Without a file, {@value #ENV_USER} and
 * {@value #ENV_PASSWORD} are used.
 */
public record IcingaCredentials(String user, String password) {

    public static final String ENV_USER = "SMART_ICINGA_USER";
    public static final String ENV_PASSWORD = "SMART_ICINGA_PASSWORD";

    private static final Set<PosixFilePermission> NOT_FOR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    public IcingaCredentials {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("Icinga API user is empty");
        }
        if (password == null) {
            throw new IllegalArgumentException("Icinga API password is missing");
        }
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("Icinga API user '" + user + "' contains ':', which Basic authentication cannot carry");
        }
    }

    /**
     * From the file when one is configured, otherwise from the environment.
     *
     * @param credentialsFile the configured file, or null
     */
    public static IcingaCredentials resolve(Path credentialsFile, Map<String, String> env) throws FeedConfigException {
        if (credentialsFile != null) {
            return fromFile(credentialsFile);
        }
        String user = env.get(ENV_USER);
        String password = env.get(ENV_PASSWORD);
        if (user == null || user.isEmpty() || password == null) {
            throw new FeedConfigException("no Icinga API credentials: set feed.icinga_api.credentials_file, or "
                    + ENV_USER + " and " + ENV_PASSWORD + " in SMART's environment");
        }
        return create(user, password, "environment");
    }

    public static IcingaCredentials fromFile(Path file) throws FeedConfigException {
        requireOwnerOnly(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FeedConfigException("Icinga API credentials file " + file + ": cannot read it: " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (!key.equals("user") && !key.equals("password")) {
                throw new FeedConfigException("Icinga API credentials file " + file + ":" + (i + 1)
                        + ": expected 'user=...' or 'password=...'" + (eq < 0 ? "" : ", found key '" + key + "'"));
            }
            values.put(key, line.substring(eq + 1));
        }
        for (String key : List.of("user", "password")) {
            if (!values.containsKey(key)) {
                throw new FeedConfigException("Icinga API credentials file " + file + ": no '" + key + "=' line");
            }
        }
        return create(values.get("user").strip(), values.get("password"), "credentials file " + file);
    }

    private static IcingaCredentials create(String user, String password, String source) throws FeedConfigException {
        try {
            return new IcingaCredentials(user, password);
        } catch (IllegalArgumentException e) {
            throw new FeedConfigException(e.getMessage() + " (from " + source + ")", e);
        }
    }

    private static void requireOwnerOnly(Path file) throws FeedConfigException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new FeedConfigException("Icinga API credentials file " + file + " does not exist", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new FeedConfigException("Icinga API credentials file " + file + ": cannot read its permissions: " + e.getMessage(), e);
        }
        Set<PosixFilePermission> tooOpen = EnumSet.noneOf(PosixFilePermission.class);
        tooOpen.addAll(permissions);
        tooOpen.retainAll(NOT_FOR_OTHERS);
        if (!tooOpen.isEmpty()) {
            throw new FeedConfigException("Icinga API credentials file " + file + " has permissions "
                    + PosixFilePermissions.toString(permissions) + "; it holds a password, so its group and others "
                    + "must not read or write it (chmod 600 " + file + ")");
        }
    }

    /** The {@code Authorization} header value. Never log it. */
    String basicAuthHeader() {
        String pair = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "IcingaCredentials[user=" + user + ", password=(hidden)]";
    }
}
