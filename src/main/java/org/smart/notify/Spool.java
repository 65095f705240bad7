package org.smart.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of undelivered notifications: one JSON file per notification and channel, each
 * written atomically (temp file in the same directory, fsync, rename, fsync of the directory), so a
 * crash leaves either the old or the new file, never half of one. Directory 0700, files 0600: the
 * notifications may quote service output.
 */
final class Spool {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    static final String CORRUPT_SUFFIX = ".corrupt";

    private final Path dir;

    Spool(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path fileFor(String notificationId, String channel) {
        return dir.resolve(notificationId + "." + channel + ".json");
    }

    /** Writes (or replaces) the entry's file atomically. */
    void write(PendingDelivery entry) throws IOException {
        ensureDirectory();
        byte[] json = entry.toJson().toPrettyString().getBytes(StandardCharsets.UTF_8);
        Path temp = Files.createTempFile(dir, "." + entry.file().getFileName(), ".tmp", FILE_MODE);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, entry.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory();
    }

    void remove(PendingDelivery entry) throws IOException {
        Files.deleteIfExists(entry.file());
        syncDirectory();
    }

    /** The entries and what went wrong reading them; corrupt files are renamed aside, never deleted. */
    Scan scan() {
        List<PendingDelivery> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Scan(entries, problems);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                read(file, problems).ifPresent(entries::add);
            }
        } catch (IOException e) {
            problems.add(logged("cannot list spool directory " + dir + ": " + Texts.causes(e)));
        }
        return new Scan(entries, problems);
    }

    private Optional<PendingDelivery> read(Path file, List<String> problems) {
        try {
            return Optional.of(PendingDelivery.fromJson(file, NotificationJson.MAPPER.readTree(file.toFile())));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // delivered and removed meanwhile by another process
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.add(setAside(file, Texts.excerpt(Texts.causes(e), 200)));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(logged("cannot read spool file " + file + ": " + Texts.causes(e)));
            return Optional.empty();
        }
    }

    private String setAside(Path file, String reason) {
        Path aside = file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return logged("spool file " + file + " is corrupt (" + reason + "); moved aside to " + aside);
        } catch (IOException e) {
            return logged("spool file " + file + " is corrupt (" + reason + ") and could not be moved aside: "
                    + Texts.causes(e));
        }
    }

    /**
     * An exclusive lock on the spool, so that two processes (the daemon and a one-shot run) never
     * retry the same entry at once. Empty when another process or Outbox holds it; otherwise the
     * locked channel, which releases the lock when closed.
     */
    Optional<FileChannel> tryLock() throws IOException {
        ensureDirectory();
        FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), FILE_MODE);
        try {
            if (lockFile.tryLock() != null) {
                return Optional.of(lockFile); // closing the channel releases the lock
            }
        } catch (OverlappingFileLockException e) {
            // another Outbox in this JVM is flushing the same directory
        }
        lockFile.close();
        return Optional.empty();
    }

    private void ensureDirectory() throws IOException {
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } catch (FileAlreadyExistsException e) {
                // created meanwhile by another process; its mode is corrected below
            }
        }
        if (!Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
    }

    /** Makes the rename or delete itself durable, not only the file's content. */
    private void syncDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static String logged(String problem) {
        LOG.warn(problem);
        return problem;
    }

    /** What a scan found: the readable entries, and one line for each file that was not. */
    record Scan(List<PendingDelivery> entries, List<String> problems) {
    }
}
