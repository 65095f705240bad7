package org.smart.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the passphrase of an encrypted identity file comes from. Never from a command line (any local user
 * can read those): either an environment variable or a file only its owner can read.
 */
public sealed interface PassphraseSource {

    /** The identity file is not encrypted. */
    PassphraseSource NONE = new None();

    static PassphraseSource environment(String variable) {
        return new Environment(variable);
    }

    static PassphraseSource file(Path file) {
        return new OwnerOnlyFile(file);
    }

    /**
     * The passphrase, or null for {@link #NONE}.
     *
     * @param env looks up environment variables (System::getenv in production)
     * @throws IdentityException when the passphrase cannot be had, with the reason
     */
    String resolve(Function<String, String> env) throws IdentityException;

    /** What this source is, for messages; never the passphrase itself. */
    String describe();

    record None() implements PassphraseSource {
        @Override
        public String resolve(Function<String, String> env) {
            return null;
        }

        @Override
        public String describe() {
            return "no passphrase";
        }
    }

    record Environment(String variable) implements PassphraseSource {
        public Environment {
            if (variable == null || !variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("passphrase environment variable name is not valid: '" + variable + "'");
            }
        }

        @Override
        public String resolve(Function<String, String> env) throws IdentityException {
            String value = env.apply(variable);
            if (value == null || value.isEmpty()) {
                throw new IdentityException("environment variable " + variable + " (the identity passphrase) is not set");
            }
            return value;
        }

        @Override
        public String describe() {
            return "environment variable " + variable;
        }
    }

    record OwnerOnlyFile(Path file) implements PassphraseSource {
        private static final Set<PosixFilePermission> OWNER_ONLY =
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        public OwnerOnlyFile {
            if (file == null) {
                throw new IllegalArgumentException("passphrase file must be given");
            }
        }

        @Override
        public String resolve(Function<String, String> env) throws IdentityException {
            try {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(mode)) {
                    throw new IdentityException("passphrase file " + file + " has mode "
                            + PosixFilePermissions.toString(mode) + ": group and others must have no access"
                            + " (chmod 600 " + ShellQuoting.quote(file.toString()) + ")");
                }
                return stripLineEnd(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IdentityException("cannot read passphrase file " + file + ": " + e.getMessage());
            }
        }

        @Override
        public String describe() {
            return "file " + file;
        }

        private static String stripLineEnd(String text) {
            if (text.endsWith("\r\n")) {
                return text.substring(0, text.length() - 2);
            }
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        }
    }
}
