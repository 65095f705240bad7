package org.smart.exec;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment a check script or plugin gets: only an allow-list of SMART's own variables
 * (so that secrets such as {@code SMART_SMTP_PASSWORD} never reach a plugin), plus what the caller
 * adds explicitly with {@link #with(Map)}.
 *
 * @param variables the complete environment of the child
 */
public record ChildEnvironment(Map<String, String> variables) {

    /** The search path children get when SMART itself has none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final Set<String> ALLOWED = Set.of("PATH", "LANG", "TZ", "HOME", "USER", "LOGNAME", "TMPDIR");

    public ChildEnvironment {
        variables.forEach(ChildEnvironment::requireValid);
        variables = Map.copyOf(variables);
    }

    /** The allow-listed part of SMART's own environment. */
    public static ChildEnvironment ofCurrentProcess() {
        return filtered(System.getenv());
    }

    /** The allow-listed part of {@code parent}, with a default {@code PATH} when it has none. */
    public static ChildEnvironment filtered(Map<String, String> parent) {
        Map<String, String> kept = new TreeMap<>();
        parent.forEach((name, value) -> {
            if (ALLOWED.contains(name) || name.startsWith("LC_")) {
                kept.put(name, value);
            }
        });
        if (kept.getOrDefault("PATH", "").isEmpty()) {
            kept.put("PATH", DEFAULT_PATH);
        }
        return new ChildEnvironment(kept);
    }

    /** This environment with {@code extra} added; an extra variable replaces one of the same name. */
    public ChildEnvironment with(Map<String, String> extra) {
        Map<String, String> merged = new TreeMap<>(variables);
        merged.putAll(extra);
        return new ChildEnvironment(merged);
    }

    private static void requireValid(String name, String value) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name '" + name + "'");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("environment variable " + name + " contains a NUL character");
        }
    }
}
