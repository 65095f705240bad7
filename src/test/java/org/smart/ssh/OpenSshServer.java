package org.smart.ssh;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenSSH sshd for tests, private to the test: its own ed25519 host key and user keys made with ssh-keygen
 * in a temporary folder, its own sshd_config (127.0.0.1 only, a free port, key-only login, {@code MaxSessions} as
 * asked, {@code LogLevel VERBOSE} into a log file), run as {@code sshd -D} and stopped by its own pid.
 *
 * <p>Use it as an extension ({@code @RegisterExtension static OpenSshServer sshd = OpenSshServer.create(10);}),
 * which skips the test class when sshd is not installed, or by hand with {@link #start()} and {@link #close()}.
 * Remote commands run as the user running the tests, with {@code HOME} set to an empty folder so no login
 * scripts of the real user run.
 */
public final class OpenSshServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    public static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    public static final String HOST = "127.0.0.1";
    /** Passphrase of {@link #encryptedUserKey()}; a throw-away test secret. */
    public static final String USER_KEY_PASSPHRASE = "smart test passphrase";

    private final int maxSessions;
    private Path dir;
    private int port;
    private Process sshd;
    private boolean frozen;

    private OpenSshServer(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    /** A server with the given {@code MaxSessions} (OpenSSH's default is 10); not started yet. */
    public static OpenSshServer create(int maxSessions) {
        return new OpenSshServer(maxSessions);
    }

    /** True when sshd and ssh-keygen are installed; tests skip otherwise. */
    public static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(SSH_KEYGEN);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(available(), "OpenSSH sshd is not installed at " + SSHD);
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Makes keys and config on first call, then starts sshd (on the same port every time) and waits for it. */
    public synchronized void start() {
        Assumptions.assumeTrue(available(), "OpenSSH sshd is not installed at " + SSHD);
        try {
            if (dir == null) {
                prepare();
            }
            createPrivilegeSeparationDir();
            sshd = new ProcessBuilder(SSHD.toString(), "-D", "-E", log().toString(), "-f", config().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sshd.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sshd", e);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(this::listening);
    }

    /** Stops sshd (TERM), its connection processes and the commands they run; the server can be started again. */
    public synchronized void stop() {
        signalAll(false);
    }

    /** Kills sshd, every connection process and every command they run at once (KILL), like a crashed host. */
    public synchronized void kill() {
        signalAll(true);
    }

    /** Stops (SIGSTOP) sshd and its connection processes: TCP still answers, SSH does not. */
    public synchronized void freeze() {
        frozen = true;
        sendSignal("STOP");
    }

    /** Undoes {@link #freeze()}. */
    public synchronized void thaw() {
        frozen = false;
        sendSignal("CONT");
    }

    @Override
    public synchronized void close() {
        try {
            if (frozen) {
                thaw();
            }
        } finally {
            kill();
            if (dir != null) {
                deleteTree(dir);
                dir = null;
            }
        }
    }

    public int port() {
        return port;
    }

    /** The user remote commands run as: the one running the tests. */
    public String user() {
        return System.getProperty("user.name");
    }

    public Path userKey() {
        return dir.resolve("id_ed25519");
    }

    /** The same kind of key, encrypted with {@link #USER_KEY_PASSPHRASE}. */
    public Path encryptedUserKey() {
        return dir.resolve("id_ed25519_encrypted");
    }

    public Path hostPublicKey() {
        return dir.resolve("ssh_host_ed25519_key.pub");
    }

    /** The known_hosts line that vouches for this server's host key. */
    public String knownHostsLine() {
        return "[" + HOST + "]:" + port + " " + publicKeyPart(hostPublicKey());
    }

    /** Writes a known_hosts file trusting this server and returns it. */
    public Path writeKnownHosts(Path file) {
        return write(file, knownHostsLine() + "\n");
    }

    /** A known_hosts line for this host and port with some other key, as after a reinstall or an attack. */
    public String wrongKnownHostsLine() {
        Path other = dir.resolve("other_host_key");
        if (!Files.exists(other)) {
            keygen(other, "");
        }
        return "[" + HOST + "]:" + port + " " + publicKeyPart(Path.of(other + ".pub"));
    }

    /** A spec for this server with the plain user key and the given known_hosts file. */
    public RemoteHostSpec.Builder spec(String name, Path knownHosts) {
        return RemoteHostSpec.builder(name, HOST, user(), userKey(), knownHosts).port(port);
    }

    /** How many logins sshd has accepted so far (its "Accepted publickey" log lines). */
    public long acceptedLogins() {
        try (Stream<String> lines = Files.lines(log(), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("Accepted publickey")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    public Path log() {
        return dir.resolve("sshd.log");
    }

    /** The remote user's HOME on this server, removed with it. */
    public Path home() {
        return dir.resolve("home");
    }

    /** A folder of this server's, removed with it, for test files remote commands write. */
    public Path scratch(String name) {
        Path folder = dir.resolve("scratch").resolve(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private void prepare() throws IOException {
        dir = Files.createTempDirectory("smart-sshd-");
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/.bashrc"), "");
        keygen(dir.resolve("ssh_host_ed25519_key"), "");
        keygen(userKey(), "");
        keygen(encryptedUserKey(), USER_KEY_PASSPHRASE);
        write(dir.resolve("authorized_keys"), Files.readString(Path.of(userKey() + ".pub"))
                + Files.readString(Path.of(encryptedUserKey() + ".pub")));
        port = freePort();
        write(config(), String.join("\n",
                "Port " + port,
                "ListenAddress " + HOST,
                "HostKey " + dir.resolve("ssh_host_ed25519_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "MaxSessions " + maxSessions,
                "MaxStartups 100:30:200",
                "PrintMotd no",
                "PrintLastLog no",
                "X11Forwarding no",
                "LogLevel VERBOSE",
                "SetEnv HOME=" + dir.resolve("home"),
                ""));
    }

    /** The Debian sshd binary wants /run/sshd; without root, it cannot be made, and the tests are skipped. */
    private static void createPrivilegeSeparationDir() {
        try {
            Files.createDirectories(Path.of("/run/sshd"));
        } catch (IOException e) {
            Assumptions.abort("cannot create /run/sshd for sshd (not root?): " + e);
        }
    }

    private Path config() {
        return dir.resolve("sshd_config");
    }

    private boolean listening() {
        if (!sshd.isAlive()) {
            throw new IllegalStateException("sshd exited: " + readQuietly(dir.resolve("sshd.out")) + readQuietly(log()));
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** sshd and everything under it: connection processes, login shells, remote commands. */
    private List<ProcessHandle> tree() {
        List<ProcessHandle> all = new ArrayList<>();
        if (sshd != null) {
            all.add(sshd.toHandle());
            sshd.toHandle().descendants().forEach(all::add);
        }
        return all;
    }

    private void signalAll(boolean forcibly) {
        if (sshd == null) {
            return;
        }
        for (ProcessHandle p : tree()) {
            if (forcibly) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
        try {
            if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
                sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sshd = null;
    }

    private void sendSignal(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        tree().forEach(p -> command.add(String.valueOf(p.pid())));
        if (command.size() > 2) {
            run(command, false);  // some of the tree may have exited meanwhile
        }
    }

    private static void keygen(Path key, String passphrase) {
        // ssh-keygen only takes the passphrase as an argument; acceptable for a throw-away test key.
        run(List.of(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", passphrase, "-C", "smart-test", "-f", key.toString()),
                true);
    }

    private static void run(List<String> command, boolean mustSucceed) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || mustSucceed && p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String publicKeyPart(Path pub) {
        String[] parts = readQuietly(pub).trim().split("\\s+");
        return parts[0] + " " + parts[1];
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp folder is harmless
        }
    }
}
