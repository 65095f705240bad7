package org.smart.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one remote host over SSH.
 *
 * @param name              the host's name in SMART (logs, alerts)
 * @param address           host name or IP address to connect to
 * @param port              TCP port (22)
 * @param user              remote user to log in as
 * @param identityFile      private key in an OpenSSH format (ed25519, ecdsa, rsa; encrypted or not)
 * @param passphrase        where the identity's passphrase comes from
 * @param knownHostsFile    the known_hosts file that vouches for the host's key
 * @param hostKeyPolicy     what to do with a key the file does not vouch for (STRICT)
 * @param maxChannels       channels open at once on the one connection; keep it at or below the server's
 *                          {@code MaxSessions} (OpenSSH: 10), or the excess fail with "open failed"
 * @param connectTimeout    limit for TCP connect, key exchange and authentication together
 * @param keepaliveInterval how often an idle connection is probed; after {@link #KEEPALIVE_MAX_MISSED}
 *                          unanswered probes the peer is considered dead
 * @param commandTimeout    default limit for one remote command
 * @param reconnect         delays between reconnection attempts after failures
 */
public record RemoteHostSpec(String name, String address, int port, String user, Path identityFile,
                             PassphraseSource passphrase, Path knownHostsFile, HostKeyPolicy hostKeyPolicy,
                             int maxChannels, Duration connectTimeout, Duration keepaliveInterval,
                             Duration commandTimeout, Backoff reconnect) {

    public static final int DEFAULT_PORT = 22;
    /** OpenSSH's default {@code MaxSessions}. */
    public static final int DEFAULT_MAX_CHANNELS = 10;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Like OpenSSH's {@code ServerAliveCountMax}. */
    public static final int KEEPALIVE_MAX_MISSED = 3;

    public RemoteHostSpec {
        requireWord("name", name);
        requireWord("address", address);
        requireWord("user", user);
        Objects.requireNonNull(identityFile, "identity file");
        Objects.requireNonNull(passphrase, "passphrase source");
        Objects.requireNonNull(knownHostsFile, "known_hosts file");
        Objects.requireNonNull(hostKeyPolicy, "host key policy");
        Objects.requireNonNull(reconnect, "reconnect backoff");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("host " + name + ": port must be 1-65535, not " + port);
        }
        if (maxChannels < 1) {
            throw new IllegalArgumentException("host " + name + ": max channels must be at least 1, not " + maxChannels);
        }
        requirePositive(name, "connect timeout", connectTimeout);
        requirePositive(name, "keepalive interval", keepaliveInterval);
        requirePositive(name, "command timeout", commandTimeout);
    }

    public static Builder builder(String name, String address, String user, Path identityFile, Path knownHostsFile) {
        return new Builder(name, address, user, identityFile, knownHostsFile);
    }

    /** {@code host} or {@code [host]:port}, as known_hosts and ssh-keygen -R write it. */
    public String knownHostsPattern() {
        return port == DEFAULT_PORT ? address : "[" + address + "]:" + port;
    }

    @Override
    public String toString() {
        return name + " (" + user + "@" + address + ":" + port + ")";
    }

    private static void requireWord(String what, String value) {
        if (value == null || value.isBlank() || !value.chars().allMatch(c -> c > ' ' && c != 0x7f)) {
            throw new IllegalArgumentException("remote host " + what + " must be a non-empty word without spaces"
                    + " or control characters, not '" + value + "'");
        }
    }

    private static void requirePositive(String host, String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("host " + host + ": " + what + " must be positive, not " + value);
        }
    }

    /** Builds a spec from the required parts, with every other field at its default. */
    public static final class Builder {
        private final String name;
        private final String address;
        private final String user;
        private final Path identityFile;
        private final Path knownHostsFile;
        private int port = DEFAULT_PORT;
        private PassphraseSource passphrase = PassphraseSource.NONE;
        private HostKeyPolicy hostKeyPolicy = HostKeyPolicy.STRICT;
        private int maxChannels = DEFAULT_MAX_CHANNELS;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration keepaliveInterval = DEFAULT_KEEPALIVE_INTERVAL;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Backoff reconnect = Backoff.DEFAULT;

        private Builder(String name, String address, String user, Path identityFile, Path knownHostsFile) {
            this.name = name;
            this.address = address;
            this.user = user;
            this.identityFile = identityFile;
            this.knownHostsFile = knownHostsFile;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder passphrase(PassphraseSource value) {
            passphrase = value;
            return this;
        }

        public Builder hostKeyPolicy(HostKeyPolicy value) {
            hostKeyPolicy = value;
            return this;
        }

        public Builder maxChannels(int value) {
            maxChannels = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder keepaliveInterval(Duration value) {
            keepaliveInterval = value;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            commandTimeout = value;
            return this;
        }

        public Builder reconnect(Backoff value) {
            reconnect = value;
            return this;
        }

        public RemoteHostSpec build() {
            return new RemoteHostSpec(name, address, port, user, identityFile, passphrase, knownHostsFile,
                    hostKeyPolicy, maxChannels, connectTimeout, keepaliveInterval, commandTimeout, reconnect);
        }
    }
}
