package org.smart.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.smart.config.ConfigLoader;
import org.smart.model.Config;
import org.smart.ssh.OpenSshServer;
import org.smart.testing.TestFiles;

/**
 * A configuration with one remote host, {@code lo}: the test sshd on 127.0.0.1, trusted through
 * {@code ssh/known_hosts}, logged into with {@code ssh/id_ed25519}. Its SMART directory on the "remote" side
 * is {@link #remoteDir} (the same machine, so tests can look at it).
 */
final class RemoteConf {

    final Path dir;
    final Path remoteDir;
    private final OpenSshServer sshd;
    private final List<String> settings = new ArrayList<>(List.of("  check_timeout: 5", "  start_timeout: 10",
            "  stop_timeout: 2"));
    private final List<String> hostKeys = new ArrayList<>();

    RemoteConf(Path tmp, OpenSshServer sshd) {
        this.sshd = sshd;
        this.dir = tmp.resolve("conf");
        this.remoteDir = tmp.resolve("remote-etc-smart");
        try {
            Files.createDirectories(dir.resolve("ssh"));
            Files.createDirectories(remoteDir.resolve("scripts"));
            Path key = Files.copy(sshd.userKey(), dir.resolve("ssh/id_ed25519"), StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            sshd.writeKnownHosts(dir.resolve("ssh/known_hosts"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.add("  state_dir: " + tmp.resolve("state"));
    }

    /** A setting such as {@code check_timeout: 1}, replacing an earlier value of the same key. */
    RemoteConf setting(String line) {
        String key = line.substring(0, line.indexOf(':') + 1);
        settings.removeIf(existing -> existing.startsWith("  " + key));
        settings.add("  " + line);
        return this;
    }

    /** A key of the host entry, e.g. {@code max_channels: 3}. */
    RemoteConf hostKey(String line) {
        hostKeys.add("    " + line);
        return this;
    }

    /** An executable in the remote SMART directory, e.g. {@code scripts/check.sh}. */
    Path remoteScript(String relativePath, String content) {
        return TestFiles.executable(remoteDir.resolve(relativePath), content);
    }

    /** Writes smart.yml with the settings, the host {@code lo} and these service entries (YAML lines). */
    Path write(String... services) {
        List<String> yml = new ArrayList<>(List.of("settings:"));
        yml.addAll(settings);
        yml.addAll(List.of("hosts:", "  - name: lo", "    address: " + OpenSshServer.HOST, "    port: " + sshd.port(),
                "    user: " + sshd.user(), "    conf_dir: " + remoteDir));
        yml.addAll(hostKeys);
        yml.add("services:");
        yml.addAll(List.of(services));
        try {
            Files.write(dir.resolve("smart.yml"), yml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    Config load(String... services) {
        Config config = new ConfigLoader().load(write(services));
        if (config.hasProblems()) {
            throw new AssertionError("test configuration has problems: " + config.problems());
        }
        return config;
    }
}
