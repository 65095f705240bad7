package org.smart.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Loads the private key SMART logs in with, from a file in an OpenSSH format (ed25519 needs the eddsa library on
 * Java 17, which is on the class path). The passphrase is fetched only if the key is encrypted.
 */
final class IdentityLoader {

    private IdentityLoader() {
    }

    static KeyPair load(Path file, PassphraseSource passphrase, Function<String, String> env) throws IdentityException {
        requireOwnerOnly(file);
        PassphraseRequest request = new PassphraseRequest(passphrase, env);
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, request);
            Iterator<KeyPair> it = keys == null ? null : keys.iterator();
            if (it == null || !it.hasNext()) {
                throw new IdentityException("identity file " + file + " holds no private key");
            }
            return it.next();
        } catch (PassphraseUnavailable e) {
            throw new IdentityException("identity file " + file + " is encrypted: " + e.getMessage());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String hint = request.asked ? " (wrong passphrase from " + passphrase.describe() + "?)" : "";
            throw new IdentityException("cannot load identity file " + file + hint + ": " + ChannelRun.describe(e));
        }
    }

    /** Like OpenSSH: a private key others can read is refused. */
    private static void requireOwnerOnly(Path file) throws IdentityException {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
                throw new IdentityException("identity file " + file + " has mode " + PosixFilePermissions.toString(mode)
                        + ": a private key must be readable by its owner only (chmod 600 "
                        + ShellQuoting.quote(file.toString()) + ")");
            }
        } catch (IOException e) {
            throw new IdentityException("cannot read identity file " + file + ": " + ChannelRun.describe(e));
        }
    }

    /** Supplies the passphrase to MINA's key decoder once; never retries with a guess. */
    private static final class PassphraseRequest implements FilePasswordProvider {
        private final PassphraseSource source;
        private final Function<String, String> env;
        private boolean asked;

        PassphraseRequest(PassphraseSource source, Function<String, String> env) {
            this.source = source;
            this.env = env;
        }

        @Override
        public String getPassword(org.apache.sshd.common.session.SessionContext session, NamedResource resource,
                                  int retryIndex) throws IOException {
            if (retryIndex > 0) {
                return null;
            }
            asked = true;
            try {
                String value = source.resolve(env);
                if (value == null) {
                    throw new PassphraseUnavailable("no passphrase source is configured for it");
                }
                return value;
            } catch (IdentityException e) {
                throw new PassphraseUnavailable(e.getMessage());
            }
        }
    }

    /** Carries a passphrase problem out through MINA's decoder, which only lets IOExceptions pass. */
    private static final class PassphraseUnavailable extends IOException {
        PassphraseUnavailable(String message) {
            super(message);
        }
    }
}
