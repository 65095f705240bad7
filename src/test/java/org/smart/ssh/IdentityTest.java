package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smart.ssh.RemoteResult.Outcome;

/** Logging in with OpenSSH ed25519 keys, encrypted ones included, against real sshd. */
class IdentityTest {
    @RegisterExtension
    static OpenSshServer sshd = OpenSshServer.create(10);

    @TempDir
    Path tmp;

    @Test
    void encryptedEd25519KeyWithPassphraseFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("SMART_SSH_PASSPHRASE", OpenSshServer.USER_KEY_PASSPHRASE);

        RemoteResult result = loginWith(env::get, PassphraseSource.environment("SMART_SSH_PASSPHRASE"));

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.stdout()).isEqualTo("hello\n");
    }

    @Test
    void encryptedKeyWithPassphraseFromAnOwnerOnlyFile() throws Exception {
        Path file = tmp.resolve("passphrase");
        Files.writeString(file, OpenSshServer.USER_KEY_PASSPHRASE + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        RemoteResult result = loginWith(name -> null, PassphraseSource.file(file));

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void passphraseFileOthersCanReadIsRefused() throws Exception {
        Path file = tmp.resolve("passphrase");
        Files.writeString(file, OpenSshServer.USER_KEY_PASSPHRASE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        RemoteResult result = loginWith(name -> null, PassphraseSource.file(file));

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
        assertThat(result.reason()).contains("passphrase file " + file).contains("rw-r--r--")
                .contains("group and others must have no access");
    }

    @Test
    void unsetPassphraseVariableIsNamed() throws Exception {
        RemoteResult result = loginWith(name -> null, PassphraseSource.environment("SMART_SSH_PASSPHRASE"));

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
        assertThat(result.reason()).contains("identity file " + sshd.encryptedUserKey() + " is encrypted")
                .contains("environment variable SMART_SSH_PASSPHRASE");
    }

    @Test
    void wrongPassphraseIsReportedAsSuch() throws Exception {
        RemoteResult result = loginWith(name -> "not it", PassphraseSource.environment("SMART_SSH_PASSPHRASE"));

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
        assertThat(result.reason()).contains("cannot load identity file").contains("wrong passphrase");
    }

    @Test
    void privateKeyOthersCanReadIsRefused() throws Exception {
        Path key = tmp.resolve("id_ed25519");
        Files.copy(sshd.userKey(), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        try (SshTransport transport = SshTransport.start()) {
            RemoteHostSpec spec = RemoteHostSpec.builder("lo", OpenSshServer.HOST, sshd.user(), key,
                    sshd.writeKnownHosts(tmp.resolve("known_hosts"))).port(sshd.port()).build();

            RemoteResult result = transport.connection(spec).exec("true", Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);

            assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
            assertThat(result.reason()).contains("identity file " + key + " has mode rw-r-----");
        }
    }

    private RemoteResult loginWith(java.util.function.Function<String, String> env, PassphraseSource passphrase)
            throws Exception {
        try (SshTransport transport = SshTransport.start(Clock.systemUTC(), env)) {
            RemoteHostSpec spec = RemoteHostSpec.builder("lo", OpenSshServer.HOST, sshd.user(), sshd.encryptedUserKey(),
                    sshd.writeKnownHosts(tmp.resolve("known_hosts"))).port(sshd.port()).passphrase(passphrase).build();
            return transport.connection(spec).exec("echo hello", Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
        }
    }
}
