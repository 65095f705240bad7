package org.smart.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.smart.model.Origin;
import org.smart.model.RemoteHost;
import org.smart.ssh.HostKeyPolicy;
import org.smart.ssh.PassphraseSource;
import org.smart.ssh.RemoteHostSpec;

/**
 * One entry of {@code hosts:} in smart.yml, a remote host reached over one SSH connection, and its mapping to
 * a {@link RemoteHost}. Relative local paths (identity, known_hosts, passphrase file) are taken from the
 * configuration directory.
 *
 * <p>To add a key: add a component to {@link Entry} and read it in {@link #toHost}.
 */
final class YamlHost {

    /**
     * The keys of a host entry.
     *
     * @param name              the host's name in SMART: services say {@code host: NAME} (required)
     * @param address           host name or IP address to connect to (default: the name)
     * @param port              SSH port (22)
     * @param user              remote user (root: SMART restarts services)
     * @param identityFile      private key, OpenSSH format (default {@code ssh/id_ed25519})
     * @param passphraseEnv     environment variable holding the key's passphrase
     * @param passphraseFile    owner-only file holding the key's passphrase
     * @param knownHosts        known_hosts file (default {@code ssh/known_hosts})
     * @param hostKeyPolicy     {@code strict} (default) or {@code accept-new}
     * @param maxChannels       channels open at once on the connection (10, OpenSSH's MaxSessions)
     * @param connectTimeout    seconds for TCP connect, key exchange and login together (10)
     * @param keepaliveInterval seconds between keepalive probes of an idle connection (15)
     * @param confDir           SMART's directory on the host: {@code scripts/}, {@code plugins/} ({@code /etc/smart})
     * @param checkHost         the address check scripts on the host get as {@code $1} (127.0.0.1)
     */
    record Entry(String name, String address, String port, String user, String identityFile, String passphraseEnv,
                 String passphraseFile, String knownHosts, String hostKeyPolicy, String maxChannels,
                 String connectTimeout, String keepaliveInterval, String confDir, String checkHost) {
    }

    static final String DEFAULT_USER = "root";
    static final String DEFAULT_IDENTITY = "ssh/id_ed25519";
    static final String DEFAULT_KNOWN_HOSTS = "ssh/known_hosts";
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private YamlHost() {
    }

    /**
     * @param at        the entry's field path, e.g. {@code hosts[1]}
     * @param configDir where relative local paths start
     */
    static Optional<RemoteHost> toHost(Entry entry, String at, Origin origin, Path configDir, FieldCheck check) {
        String name = check.get(at + ".name", () -> name(entry.name()));
        String address = check.get(at + ".address", () -> entry.address() == null ? name : Values.host(entry.address()));
        Integer port = check.get(at + ".port", () -> entry.port() == null ? RemoteHostSpec.DEFAULT_PORT
                : Values.port(entry.port()));
        String user = check.get(at + ".user", () -> entry.user() == null ? DEFAULT_USER : Values.host(entry.user()));
        Path identity = check.get(at + ".identity_file", () -> identity(entry.identityFile(), configDir));
        PassphraseSource passphrase = check.get(at + ".passphrase_env", () -> passphrase(entry, configDir));
        Path knownHosts = check.get(at + ".known_hosts", () -> Values.path(
                entry.knownHosts() == null ? DEFAULT_KNOWN_HOSTS : entry.knownHosts(), configDir));
        HostKeyPolicy policy = check.get(at + ".host_key_policy", () -> policy(entry.hostKeyPolicy()));
        Integer channels = check.get(at + ".max_channels", () -> entry.maxChannels() == null
                ? RemoteHostSpec.DEFAULT_MAX_CHANNELS : atLeastOne(entry.maxChannels()));
        Duration connect = check.get(at + ".connect_timeout", () -> entry.connectTimeout() == null
                ? RemoteHostSpec.DEFAULT_CONNECT_TIMEOUT : Values.seconds(entry.connectTimeout()));
        Duration keepalive = check.get(at + ".keepalive_interval", () -> entry.keepaliveInterval() == null
                ? RemoteHostSpec.DEFAULT_KEEPALIVE_INTERVAL : Values.seconds(entry.keepaliveInterval()));
        Path confDir = check.get(at + ".conf_dir", () -> remoteDir(entry.confDir()));
        String checkHost = check.get(at + ".check_host", () -> entry.checkHost() == null
                ? RemoteHost.DEFAULT_CHECK_HOST : Values.host(entry.checkHost()));
        if (check.failed()) {
            return Optional.empty();
        }
        RemoteHostSpec ssh = RemoteHostSpec.builder(name, address, user, identity, knownHosts).port(port)
                .passphrase(passphrase).hostKeyPolicy(policy).maxChannels(channels).connectTimeout(connect)
                .keepaliveInterval(keepalive).build();
        return Optional.of(new RemoteHost(ssh, confDir, checkHost, origin));
    }

    /** Also a Nagios host name and a word in log lines: see {@link org.smart.model.SafeName}. */
    private static String name(String text) throws BadValueException {
        return ConfigText.hostName(text);
    }

    private static Path identity(String text, Path configDir) throws BadValueException {
        Path file = Values.path(text == null ? DEFAULT_IDENTITY : text, configDir);
        if (!Files.isRegularFile(file)) {
            throw new BadValueException("identity file " + file + " does not exist; make a key with: ssh-keygen -t"
                    + " ed25519 -N '' -f " + file + " and add " + file + ".pub to the remote user's"
                    + " ~/.ssh/authorized_keys");
        }
        return file;
    }

    private static PassphraseSource passphrase(Entry entry, Path configDir) throws BadValueException {
        if (entry.passphraseEnv() != null && entry.passphraseFile() != null) {
            throw new BadValueException("give passphrase_env or passphrase_file, not both");
        }
        if (entry.passphraseEnv() != null) {
            if (!VARIABLE.matcher(entry.passphraseEnv()).matches()) {
                throw new BadValueException("'" + entry.passphraseEnv() + "' is not an environment variable name");
            }
            return PassphraseSource.environment(entry.passphraseEnv());
        }
        if (entry.passphraseFile() != null) {
            return PassphraseSource.file(Values.path(entry.passphraseFile(), configDir));
        }
        return PassphraseSource.NONE;
    }

    private static HostKeyPolicy policy(String text) throws BadValueException {
        if (text == null) {
            return HostKeyPolicy.STRICT;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "strict" -> HostKeyPolicy.STRICT;
            case "accept-new" -> HostKeyPolicy.ACCEPT_NEW;
            default -> throw new BadValueException("'" + text + "' is not strict or accept-new");
        };
    }

    private static int atLeastOne(String text) throws BadValueException {
        int value = Values.wholeNumber(text);
        if (value < 1) {
            throw new BadValueException("must be at least 1, not " + value);
        }
        return value;
    }

    /** A directory on the remote host: absolute, since there is no configuration directory there to start from. */
    private static Path remoteDir(String text) throws BadValueException {
        if (text == null) {
            return RemoteHost.DEFAULT_CONF_DIR;
        }
        if (!text.startsWith("/")) {
            throw new BadValueException("'" + text + "' must be an absolute path on the remote host");
        }
        return Path.of(text).normalize();
    }
}
