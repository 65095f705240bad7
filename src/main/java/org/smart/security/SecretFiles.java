package org.smart.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;

/**
 * Guards files that hold secrets, such as {@code SMTP_PASSWORD_FILE}. A secret file is accepted only
 * when it is a regular file, owned by root or by the user SMART runs as, and gives group and others no
 * access at all ({@code mode & 077 == 0}): any local user who can read it learns the password.
 *
 * <p>The check runs when the configuration is loaded, so that {@code smart config check} reports a bad
 * file, and again each time the secret is read, because the file may have changed in between.
 */
public final class SecretFiles {

    private final int effectiveUid;

    /** @param effectiveUid the user SMART runs as; files of this user (or of root) are accepted */
    public SecretFiles(int effectiveUid) {
        this.effectiveUid = effectiveUid;
    }

    public static SecretFiles forCurrentUser() {
        return new SecretFiles(UnixIds.effectiveUid());
    }

    /**
     * Why {@code file} may not hold a secret, with the command that fixes it; empty when it is fine.
     */
    public Optional<String> refusal(Path file) {
        FileStatus status;
        try {
            status = FileStatus.of(file);
        } catch (NoSuchFileException e) {
            return Optional.of("'" + file + "' does not exist; write the secret as its only line, then run chmod 600 "
                    + ShellQuote.quote(file));
        } catch (IOException e) {
            return Optional.of("cannot read '" + file + "': " + e.getMessage());
        }
        if (!status.isRegularFile()) {
            return Optional.of("'" + file + "' is not a regular file");
        }
        List<String> reasons = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        if (status.uid() != 0 && status.uid() != effectiveUid) {
            reasons.add("it is owned by " + status.ownerDescription() + ", not by root"
                    + (effectiveUid == 0 ? "" : " or by the user SMART runs as (uid " + effectiveUid + ")"));
            fixes.add("chown " + (effectiveUid == 0 ? "root" : Integer.toString(effectiveUid)) + " "
                    + ShellQuote.quote(file));
        }
        if (status.groupOrOthersHaveAccess()) {
            reasons.add("it has mode " + status.octalMode() + ", so group or others may read or change it");
            fixes.add("chmod 600 " + ShellQuote.quote(file));
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("'" + file + "' is refused as a secret file: " + String.join(" and ", reasons)
                + "; fix: " + String.join(" && ", fixes));
    }

    /** {@link #refusal} as a configuration problem at {@code origin}, naming the setting {@code field}. */
    public Optional<ConfigProblem> check(Path file, Origin origin, String field) {
        return refusal(file).map(reason -> new ConfigProblem(origin, field, reason));
    }

    /**
     * The secret: the file's first line without surrounding white space. The file is checked again
     * first, because it may have changed since the configuration was loaded.
     *
     * @throws SecretFileException when the file is refused, unreadable or empty
     */
    public String readSecret(Path file) throws SecretFileException {
        Optional<String> refusal = refusal(file);
        if (refusal.isPresent()) {
            throw new SecretFileException(refusal.get());
        }
        String firstLine;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            firstLine = reader.readLine();
        } catch (IOException e) {
            throw new SecretFileException("cannot read '" + file + "': " + e.getMessage());
        }
        String secret = firstLine == null ? "" : firstLine.trim();
        if (secret.isEmpty()) {
            throw new SecretFileException("'" + file + "' is empty; write the secret as its first line");
        }
        return secret;
    }
}
