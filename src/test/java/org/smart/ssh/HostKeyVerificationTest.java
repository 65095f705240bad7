package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smart.ssh.HostState.Availability;
import org.smart.ssh.RemoteResult.Outcome;

/** known_hosts checking under STRICT and ACCEPT_NEW, against real sshd. */
class HostKeyVerificationTest {
    @RegisterExtension
    static OpenSshServer sshd = OpenSshServer.create(10);

    @TempDir
    Path tmp;

    private SshTransport transport;
    private Path knownHosts;

    @BeforeEach
    void start() {
        transport = SshTransport.start();
        knownHosts = tmp.resolve("known_hosts");
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    @Test
    void changedHostKeyIsRefusedWithTheOfferedFingerprintAndHowToFixIt() throws Exception {
        Files.writeString(knownHosts, "# other hosts\n" + sshd.wrongKnownHostsLine() + "\n");
        SshConnection host = transport.connection(sshd.spec("lo", knownHosts).build());

        RemoteResult result = run(host);

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
        assertThat(result.reason())
                .contains("HOST KEY CHANGED for [127.0.0.1]:" + sshd.port())
                .contains(hostKeyFingerprint())
                .contains(knownHosts + " line 2")
                .contains("ssh-keygen -R '[127.0.0.1]:" + sshd.port() + "' -f " + knownHosts)
                .contains("ssh-keyscan -p " + sshd.port() + " 127.0.0.1 >> " + knownHosts);
        assertThat(host.state().availability()).isEqualTo(Availability.DOWN);
        assertThat(host.state().reason()).isEqualTo(result.reason());
    }

    @Test
    void unknownHostKeyIsRefusedUnderStrict() throws Exception {
        SshConnection host = transport.connection(sshd.spec("lo", knownHosts).build());

        RemoteResult result = run(host);

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
        assertThat(result.reason())
                .contains("the host key of [127.0.0.1]:" + sshd.port() + " is not in " + knownHosts)
                .contains("the server offered " + hostKeyFingerprint())
                .contains("ssh-keyscan -p " + sshd.port() + " 127.0.0.1 >> " + knownHosts);
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void acceptNewRecordsAnUnknownKeyAndStillRefusesAChangedOne() throws Exception {
        SshConnection first = transport.connection(sshd.spec("lo", knownHosts)
                .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build());

        RemoteResult trusted = run(first);

        assertThat(trusted.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(Files.readString(knownHosts)).isEqualTo(sshd.knownHostsLine() + "\n");

        Files.writeString(knownHosts, sshd.wrongKnownHostsLine());  // no newline at the end, on purpose
        SshConnection second = transport.connection(sshd.spec("lo2", knownHosts)
                .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build());

        RemoteResult refused = run(second);

        assertThat(refused.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
        assertThat(refused.reason()).contains("HOST KEY CHANGED").contains(hostKeyFingerprint());
        assertThat(Files.readString(knownHosts)).isEqualTo(sshd.wrongKnownHostsLine());
    }

    @Test
    void keyOfAnotherPortDoesNotVouchForThisOne() throws Exception {
        Files.writeString(knownHosts, sshd.knownHostsLine().replace(":" + sshd.port() + " ", ":1 ") + "\n");
        SshConnection host = transport.connection(sshd.spec("lo", knownHosts).build());

        RemoteResult result = run(host);

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
        assertThat(result.reason()).contains("is not in");
    }

    private static RemoteResult run(SshConnection host) throws Exception {
        return host.exec("echo hello", Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
    }

    private static String hostKeyFingerprint() throws Exception {
        String line = Files.readString(sshd.hostPublicKey()).trim();
        PublicKey key = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        return "ssh-ed25519 " + KeyUtils.getFingerPrint(key);
    }
}
