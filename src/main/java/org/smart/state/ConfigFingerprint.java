package org.smart.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.smart.model.ServiceSpec;

/**
 * A digest of what defines a service's checks and repairs, stored with its runtime state so a
 * changed service can be told from an unchanged one after a reload or a restart of the daemon.
 * Where the service was declared (its line) is left out: moving a line is not a change.
 */
public final class ConfigFingerprint {

    private ConfigFingerprint() {
    }

    /**
     * @param spec  the service
     * @param extra further settings that belong to the service outside {@link ServiceSpec}
     *              (dependencies, check attempts, intervals…), in a fixed order
     * @return {@code "sha256:"} and 64 hex digits
     */
    public static String of(ServiceSpec spec, Object... extra) {
        List<Object> parts = new ArrayList<>(List.of(spec.name(), spec.processName(), spec.port(),
                spec.processParam(), spec.maxProcs(), spec.minProcs(), spec.startCommand(),
                String.valueOf(spec.pidFile()), String.valueOf(spec.sockFile()), spec.startMode(),
                spec.checkScript(), spec.hasPlugin() ? spec.plugin().line() : ""));
        parts.addAll(List.of(extra));
        MessageDigest sha256 = sha256();
        for (Object part : parts) {
            // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
            byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
