package org.smart.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.feed.FeedConfig;
import org.smart.model.Config;
import org.smart.model.RemoteHost;
import org.smart.model.ServiceSpec;
import org.smart.ssh.HostKeyPolicy;
import org.smart.ssh.PassphraseSource;
import org.smart.ssh.RemoteHostSpec;

/** {@code hosts:}, a service's {@code host:} and {@code feed:} in smart.yml. */
class RemoteConfigTest {

    @TempDir
    Path temp;
    ConfigDir conf;

    @BeforeEach
    void setUp() throws Exception {
        conf = new ConfigDir(temp);
        Path key = conf.write("ssh/id_ed25519", "not really a key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        conf.write("host.conf", "HOSTNAME=agent1");
    }

    private Config load(String... yml) {
        conf.write("smart.yml", yml);
        return conf.load();
    }

    @Test
    void hostWithDefaultsAndServiceOnIt() {
        Config config = load(
                "hosts:",
                "  - name: db1",
                "services:",
                "  - name: mysql",
                "    host: db1",
                "    process: mysqld",
                "    pid_file: run/mysqld.pid",
                "    check: mysql.nag",
                "  - name: cron",
                "    process: cron");

        assertThat(conf.render(config.problems())).isEmpty();
        RemoteHost db1 = config.host("db1").orElseThrow();
        RemoteHostSpec ssh = db1.ssh();
        assertThat(ssh.address()).isEqualTo("db1");
        assertThat(ssh.port()).isEqualTo(22);
        assertThat(ssh.user()).isEqualTo("root");
        assertThat(ssh.identityFile()).isEqualTo(conf.dir.resolve("ssh/id_ed25519"));
        assertThat(ssh.knownHostsFile()).isEqualTo(conf.dir.resolve("ssh/known_hosts"));
        assertThat(ssh.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(ssh.maxChannels()).isEqualTo(10);
        assertThat(ssh.passphrase()).isEqualTo(PassphraseSource.NONE);
        assertThat(db1.confDir()).isEqualTo(Path.of("/etc/smart"));
        assertThat(db1.checkHost()).isEqualTo("127.0.0.1");
        ServiceSpec mysql = config.services().get(0);
        assertThat(mysql.host()).isEqualTo("db1");
        assertThat(mysql.isRemote()).isTrue();
        assertThat(mysql.checkScript()).as("looked for on the remote host, not here").isEqualTo("mysql.nag");
        assertThat(mysql.pidFile()).as("relative to the host's conf_dir").isEqualTo(Path.of("/etc/smart/run/mysqld.pid"));
        assertThat(config.services().get(1).isRemote()).isFalse();
        assertThat(config.feed().anyEnabled()).isFalse();
    }

    @Test
    void everyHostKey() {
        Config config = load(
                "hosts:",
                "  - name: web2",
                "    address: 192.0.2.7",
                "    port: 2222",
                "    user: smart",
                "    identity_file: ssh/id_ed25519",
                "    passphrase_env: SMART_KEY_PASSPHRASE",
                "    known_hosts: /etc/smart/ssh/known_hosts",
                "    host_key_policy: accept-new",
                "    max_channels: 4",
                "    connect_timeout: 2.5",
                "    keepalive_interval: 30",
                "    conf_dir: /opt/smart/etc",
                "    check_host: 192.0.2.7",
                "services:",
                "  - name: web",
                "    host: web2",
                "    process: nginx");

        assertThat(conf.render(config.problems())).isEmpty();
        RemoteHost web2 = config.host("web2").orElseThrow();
        RemoteHostSpec ssh = web2.ssh();
        assertThat(ssh.address()).isEqualTo("192.0.2.7");
        assertThat(ssh.port()).isEqualTo(2222);
        assertThat(ssh.user()).isEqualTo("smart");
        assertThat(ssh.passphrase()).isEqualTo(PassphraseSource.environment("SMART_KEY_PASSPHRASE"));
        assertThat(ssh.knownHostsFile()).isEqualTo(Path.of("/etc/smart/ssh/known_hosts"));
        assertThat(ssh.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThat(ssh.maxChannels()).isEqualTo(4);
        assertThat(ssh.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(ssh.keepaliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(web2.confDir()).isEqualTo(Path.of("/opt/smart/etc"));
        assertThat(web2.checkHost()).isEqualTo("192.0.2.7");
    }

    @Test
    void badHostsAndUnknownHostsAreProblemsThatSkipOnlyThemselves() {
        Config config = load(
                "hosts:",
                "  - name: db1",
                "    host_key_policy: yes-please",
                "    max_channels: 0",
                "  - name: db2",
                "    passphrase_env: A",
                "    passphrase_file: /etc/smart/pass",
                "  - name: db3",
                "    identity_file: nowhere/key",
                "    conf_dir: etc/smart",
                "  - name: db4",
                "    colour: blue",
                "  - name: ok",
                "  - name: ok",
                "services:",
                "  - name: a",
                "    host: db1",
                "    process: a",
                "  - name: b",
                "    host: nosuch",
                "    process: b",
                "  - name: c",
                "    host: ok",
                "    process: c");

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:3:5: hosts[0].host_key_policy: 'yes-please' is not strict or accept-new",
                "smart.yml:4:5: hosts[0].max_channels: must be at least 1, not 0",
                "smart.yml:6:5: hosts[1].passphrase_env: give passphrase_env or passphrase_file, not both",
                "smart.yml:9:5: hosts[2].identity_file: identity file nowhere/key does not exist; make a key with:"
                        + " ssh-keygen -t ed25519 -N '' -f nowhere/key and add nowhere/key.pub to the remote user's"
                        + " ~/.ssh/authorized_keys",
                "smart.yml:10:5: hosts[2].conf_dir: 'etc/smart' must be an absolute path on the remote host",
                "smart.yml:12:5: hosts[3].colour: unknown key; known keys are name, address, port, user, identity_file,"
                        + " passphrase_env, passphrase_file, known_hosts, host_key_policy, max_channels, connect_timeout,"
                        + " keepalive_interval, conf_dir, check_host",
                "smart.yml:14:5: hosts[5].name: 'ok' is already declared at line 13",
                "smart.yml:17:5: services[0].host: 'db1' is not a host declared under hosts: (ok)",
                "smart.yml:20:5: services[1].host: 'nosuch' is not a host declared under hosts: (ok)");
        assertThat(config.hosts()).extracting(RemoteHost::name).containsExactly("ok");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("c");
    }

    @Test
    void feedSectionMapsOntoFeedConfig() {
        Config config = load(
                "hosts:",
                "  - name: db1",
                "services:",
                "  - name: mysql",
                "    host: db1",
                "    process: mysqld",
                "feed:",
                "  service_names: { mysql: MySQL }",
                "  host_names: { db1: db1.example.org }",
                "  command_file:",
                "    path: /var/lib/nagios4/rw/nagios.cmd",
                "    queue: 50",
                "    drain_timeout: 2s",
                "  icinga_api:",
                "    enabled: no",
                "    url: https://icinga.example.org:5665",
                "    ca_file: icinga-ca.crt");

        assertThat(conf.render(config.problems())).isEmpty();
        FeedConfig feed = config.feed();
        assertThat(feed.names().hostName()).as("SMART's HOSTNAME by default").isEqualTo("agent1");
        assertThat(feed.names().hostName("db1")).isEqualTo("db1.example.org");
        assertThat(feed.names().serviceName("mysql")).isEqualTo("MySQL");
        assertThat(feed.commandFile().enabled()).isTrue();
        assertThat(feed.commandFile().path()).isEqualTo(Path.of("/var/lib/nagios4/rw/nagios.cmd"));
        assertThat(feed.commandFile().queueCapacity()).isEqualTo(50);
        assertThat(feed.commandFile().drainTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(feed.icingaApi().enabled()).isFalse();
        assertThat(feed.icingaApi().url()).isEqualTo(URI.create("https://icinga.example.org:5665"));
        assertThat(feed.icingaApi().caFile()).isEqualTo(conf.dir.resolve("icinga-ca.crt"));
    }

    @Test
    void feedWithProblemsIsTurnedOffAndSaysWhy() {
        Config config = load(
                "services:",
                "  - name: cron",
                "    process: cron",
                "feed:",
                "  host_name: web1",
                "  service_names: { crond: CRON }",
                "  command_file: { path: /run/nagios.cmd }");

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:4:1: feed.service_names: 'crond' is not a configured service; the feed is off until this is fixed");
        assertThat(config.feed().anyEnabled()).isFalse();
        assertThat(config.services()).hasSize(1);
    }

    @Test
    void badFeedValuesNameTheirKey() {
        Config config = load(
                "services:",
                "  - name: cron",
                "    process: cron",
                "feed:",
                "  command_file: { path: /run/nagios.cmd, drain_timeout: soon }",
                "  icinga_api: { url: 'https://x y', ca_file: /ca.pem }");

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:5:42: feed.command_file.drain_timeout: 'soon' is not a number of seconds (like 5, 2.5 or 5s)",
                "smart.yml:6:17: feed.icinga_api.url: 'https://x y' is not a URL: Illegal character in authority");
        assertThat(config.feed().anyEnabled()).isFalse();
    }
}
