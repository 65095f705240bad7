package org.smart.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The lock a one-shot run holds on {@code STATE_DIR/locks/NAME.lock} while it repairs the service
 * {@code NAME}: one actor per service. Per service, not per configuration, because a cron run that
 * overlaps another stuck in a long {@code START_TIMEOUT} should still repair the other broken services
 * and only leave that one alone. The daemon holds {@link DaemonLock} for its lifetime instead, and a
 * one-shot run that sees it acts on nothing; on start the daemon waits for the repairs of one-shot runs
 * already under way ({@link #awaitRepairsUnderWay}).
 *
 * <p>An fcntl lock, dropped by the kernel however the holder ends, so none is ever stale. The file is
 * opened without following a symbolic link and is owner-only; the directory is created owner-only.
 */
public final class RepairLock implements AutoCloseable {

    static final String DIR_NAME = "locks";
    private static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final String SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-";
    private static final Duration POLL = Duration.ofMillis(100);

    private final HeldLock held;

    private RepairLock(HeldLock held) {
        this.held = held;
    }

    /**
     * Takes the service's lock without waiting.
     *
     * @return empty when another process (or another thread of this one) holds it
     * @throws IOException when the lock file cannot be opened: nobody can tell whether another run acts
     */
    public static Optional<RepairLock> tryTake(Path stateDir, String service) throws IOException {
        return HeldLock.tryLock(open(fileOf(stateDir, service))).map(RepairLock::new);
    }

    /** The lock file of {@code service}: a single file name, whatever characters the name has. */
    static Path fileOf(Path stateDir, String service) {
        return stateDir.resolve(DIR_NAME).resolve(fileName(service));
    }

    /**
     * The service name with every character outside letters, digits, {@code . _ @ -} written as
     * {@code %XX} (its UTF-8 bytes): no name can make a path separator, and no two names share a file.
     */
    static String fileName(String service) {
        StringBuilder name = new StringBuilder();
        for (byte b : service.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (b >= 0 && SAFE.indexOf(c) >= 0) {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return name.append(".lock").toString();
    }

    /**
     * Waits until no one-shot run holds a repair lock in {@code stateDir}, at most {@code atMost}: a daemon
     * that has just taken {@link DaemonLock} lets a repair under way finish before it checks anything
     * (no one-shot run starts a new one once it holds that lock).
     *
     * @return the locks still held when the time was up (their file names); empty when all are free
     */
    public static List<String> awaitRepairsUnderWay(Path stateDir, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        List<Path> held = heldLocks(stateDir);
        while (!held.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            held = held.stream().filter(RepairLock::isHeld).toList();
        }
        return held.stream().map(file -> file.getFileName().toString()).toList();
    }

    private static List<Path> heldLocks(Path stateDir) {
        List<Path> held = new ArrayList<>();
        Path dir = stateDir.resolve(DIR_NAME);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return held;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.lock")) {
            files.forEach(file -> {
                if (isHeld(file)) {
                    held.add(file);
                }
            });
        } catch (IOException e) {
            // an unreadable lock directory holds no repair this daemon could wait for
        }
        return held;
    }

    private static boolean isHeld(Path file) {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false; // gone, or not a file one could lock: nobody holds it
        }
    }

    private static FileChannel open(Path file) throws IOException {
        Path dir = file.getParent();
        DaemonLock.ensureStateDir(dir.getParent());
        try {
            Files.createDirectory(dir, DIR_MODE);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(dir + " is not a directory");
            }
        }
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), FILE_MODE);
    }

    @Override
    public void close() throws IOException {
        held.close();
    }
}
