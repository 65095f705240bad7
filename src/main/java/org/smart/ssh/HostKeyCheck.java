package org.smart.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the key a server offers is the host's, from the host's known_hosts file and its
 * {@link HostKeyPolicy}. A refusal is kept with a message that shows the offered key's fingerprint and says
 * exactly what to run to trust the key, so it can be reported as the reason the host is DOWN.
 */
final class HostKeyCheck {
    /** Carries the check of one connection attempt into MINA's (client-wide) server key verifier. */
    static final AttributeKey<HostKeyCheck> KEY = new AttributeKey<>();

    private static final Logger log = LoggerFactory.getLogger(HostKeyCheck.class);

    private final RemoteHostSpec host;
    private final Object fileLock;
    private final AtomicReference<String> refusal = new AtomicReference<>();

    /** @param fileLock serialises appends to known_hosts files within this SMART process */
    HostKeyCheck(RemoteHostSpec host, Object fileLock) {
        this.host = host;
        this.fileLock = fileLock;
    }

    /** Why the key was refused, or null if it was not (or not yet checked). */
    String refusal() {
        return refusal.get();
    }

    boolean verify(PublicKey offered) {
        try {
            synchronized (fileLock) {
                return decide(offered, readEntries());
            }
        } catch (IOException | RuntimeException e) {
            return refuse("cannot check the host key of " + host.knownHostsPattern() + " against "
                    + host.knownHostsFile() + ": " + e.getMessage());
        }
    }

    private boolean decide(PublicKey offered, List<Line> entries) throws IOException {
        List<Line> forHost = entries.stream().filter(l -> l.entry().isHostMatch(host.address(), host.port())).toList();
        for (Line line : forHost) {
            if ("revoked".equals(line.entry().getMarker()) && sameKey(line, offered)) {
                return refuse("the host key of " + host.knownHostsPattern() + " (" + describe(offered)
                        + ") is marked @revoked in " + host.knownHostsFile() + " line " + line.number());
            }
        }
        List<Line> plain = forHost.stream().filter(l -> l.entry().getMarker() == null).toList();
        if (plain.stream().anyMatch(l -> sameKey(l, offered))) {
            return true;
        }
        if (!plain.isEmpty()) {
            return refuse(changedMessage(offered, plain.get(0)));
        }
        if (host.hostKeyPolicy() == HostKeyPolicy.ACCEPT_NEW) {
            record(offered);
            return true;
        }
        return refuse("the host key of " + host.knownHostsPattern() + " is not in " + host.knownHostsFile()
                + "; the server offered " + describe(offered) + ". Refusing to connect (host key policy STRICT)."
                + " If this is the right host, add its key with: " + keyscan()
                + " (and compare the fingerprint with ssh-keygen -lf on the host's key)");
    }

    private String changedMessage(PublicKey offered, Line known) {
        String file = ShellQuoting.quote(host.knownHostsFile().toString());
        return "HOST KEY CHANGED for " + host.knownHostsPattern() + ": the server offered " + describe(offered)
                + ", but " + host.knownHostsFile() + " line " + known.number() + " has "
                + describeEntry(known) + ". Refusing to connect: this may be a man-in-the-middle attack, or the"
                + " host was reinstalled. If the change is expected, remove the old key with: ssh-keygen -R "
                + ShellQuoting.quote(host.knownHostsPattern()) + " -f " + file + " and add the new one with: "
                + keyscan();
    }

    private String keyscan() {
        return "ssh-keyscan -p " + host.port() + " " + host.address() + " >> "
                + ShellQuoting.quote(host.knownHostsFile().toString());
    }

    private void record(PublicKey offered) throws IOException {
        Path file = host.knownHostsFile();
        String line = host.knownHostsPattern() + " " + PublicKeyEntry.toString(offered) + "\n";
        if (Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file)) {
            line = "\n" + line;
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        log.warn("host {}: first connection, recorded its host key {} in {} (host key policy ACCEPT_NEW)",
                host.name(), describe(offered), file);
    }

    /** Not logged here: the refusal becomes the reason of the host's DOWN state, which is logged once. */
    private boolean refuse(String message) {
        refusal.set(message);
        return false;
    }

    private List<Line> readEntries() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(host.knownHostsFile(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Line> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                entries.add(new Line(i + 1, KnownHostEntry.parseKnownHostEntry(text)));
            } catch (RuntimeException e) {
                log.warn("host {}: ignoring unreadable line {} of {}: {}", host.name(), i + 1,
                        host.knownHostsFile(), e.getMessage());
            }
        }
        return entries;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return all.length == 0 || all[all.length - 1] == '\n';
    }

    private static boolean sameKey(Line line, PublicKey offered) {
        PublicKey known = line.key();
        return known != null && KeyUtils.compareKeys(known, offered);
    }

    static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }

    private static String describeEntry(Line line) {
        PublicKey key = line.key();
        return key == null ? "a key of type " + line.entry().getKeyEntry().getKeyType() : describe(key);
    }

    /** One known_hosts entry and its line number, for messages. */
    private record Line(int number, KnownHostEntry entry) {
        PublicKey key() {
            try {
                return entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
            } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                return null;
            }
        }
    }
}
