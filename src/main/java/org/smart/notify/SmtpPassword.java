package org.smart.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the SMTP password at send time: the environment variable {@value #ENV} first, else the
 * owner-only file named by SMTP_PASSWORD_FILE. It is looked up per message, so a rotated password
 * is picked up without a restart, and it is never logged or put into a reason.
 */
final class SmtpPassword {

    static final String ENV = "SMART_SMTP_PASSWORD";

    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SmtpPassword() {
    }

    static String lookup(Function<String, String> env, Path passwordFile) throws DeliveryException {
        String fromEnv = env.apply(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        if (passwordFile == null) {
            throw new DeliveryException("SMTP_USER is set but there is no password: set " + ENV
                    + " in SMART's environment or SMTP_PASSWORD_FILE in host.conf");
        }
        return readFile(passwordFile);
    }

    private static String readFile(Path file) throws DeliveryException {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().anyMatch(NOT_OWNER::contains)) {
                throw new DeliveryException("refusing SMTP_PASSWORD_FILE '" + file + "': others may read or change it (mode "
                        + PosixFilePermissions.toString(mode) + "); make it owner-only with chmod 600");
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\\R\\z", "");
            if (password.isEmpty()) {
                throw new DeliveryException("SMTP_PASSWORD_FILE '" + file + "' is empty");
            }
            return password;
        } catch (NoSuchFileException e) {
            throw new DeliveryException("SMTP_PASSWORD_FILE '" + file + "' does not exist", e);
        } catch (IOException e) {
            throw new DeliveryException("cannot read SMTP_PASSWORD_FILE '" + file + "': " + Texts.causes(e), e);
        }
    }
}
