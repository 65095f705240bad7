package org.smart.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The lock a running daemon holds on {@code STATE_DIR/daemon.lock} (which also holds its pid): one
 * daemon per state directory, and a way for {@code smart status} and {@code smart reset} to tell
 * whether a daemon runs. The kernel drops the lock when the process ends, however it ends, so a
 * daemon killed with {@code kill -9} never leaves a stale lock behind.
 */
public final class DaemonLock implements AutoCloseable {

    public static final String FILE_NAME = "daemon.lock";

    private final HeldLock held;

    private DaemonLock(HeldLock held) {
        this.held = held;
    }

    /**
     * Takes the lock, creating the state directory (owner-only) if needed, and writes this process's pid.
     *
     * @return empty when another process holds it
     */
    public static Optional<DaemonLock> tryAcquire(Path stateDir) throws IOException {
        ensureStateDir(stateDir);
        // Not through a symbolic link: root would otherwise truncate whatever file it points to.
        FileChannel channel = FileChannel.open(stateDir.resolve(FILE_NAME),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        Optional<HeldLock> held = HeldLock.tryLock(channel);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        writePid(channel);
        return Optional.of(new DaemonLock(held.get()));
    }

    /**
     * Best effort: on a full disk the pid cannot be written, but the lock is held all the same, and a
     * daemon that holds it must keep it (others then see a daemon of unknown pid rather than none).
     */
    private static void writePid(FileChannel channel) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
        } catch (IOException e) {
            // holder() reads an empty or partial file as "pid unknown"
        }
    }

    /** Creates the state directory, owner-only (it holds notifications that may quote service output). */
    static void ensureStateDir(Path stateDir) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /**
     * The pid of the daemon holding the lock on {@code stateDir}, if one runs. Only reads: it takes
     * a shared lock for an instant, which never keeps a daemon from starting.
     */
    public static OptionalLong holder(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe;
            try {
                probe = channel.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                probe = null;
            }
            if (probe != null) {
                probe.release();
                return OptionalLong.empty();
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.matches("\\d{1,10}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.of(0);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() throws IOException {
        held.close();
    }
}
