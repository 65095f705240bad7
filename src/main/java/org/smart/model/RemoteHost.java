package org.smart.model;

import java.nio.file.Path;
import java.util.Objects;
import org.smart.ssh.RemoteHostSpec;

/**
 * A remote host declared under {@code hosts:} in smart.yml: how to reach it over SSH, and where SMART's
 * files are on it.
 *
 * @param ssh       address, user, keys, host-key policy, channel limit and timeouts of the one SSH connection
 * @param confDir   SMART's directory on the remote host: check scripts are {@code confDir/scripts/NAME}, plugins
 *                  {@code confDir/plugins}, and relative paths of its services are taken from it
 * @param checkHost the address check scripts on that host get as {@code $1} (its own loopback by default)
 * @param origin    where the host was declared, for messages
 */
public record RemoteHost(RemoteHostSpec ssh, Path confDir, String checkHost, Origin origin) {

    public static final Path DEFAULT_CONF_DIR = Path.of("/etc/smart");
    public static final String DEFAULT_CHECK_HOST = "127.0.0.1";

    public RemoteHost {
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(confDir, "confDir");
        Objects.requireNonNull(checkHost, "checkHost");
        Objects.requireNonNull(origin, "origin");
    }

    public String name() {
        return ssh.name();
    }

    public Path scriptsDir() {
        return confDir.resolve("scripts");
    }

    public Path pluginsDir() {
        return confDir.resolve("plugins");
    }
}
