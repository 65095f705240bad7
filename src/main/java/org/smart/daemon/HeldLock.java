package org.smart.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.Optional;

/** An exclusive lock on an open file, released and closed together. */
record HeldLock(FileChannel channel, FileLock lock) implements AutoCloseable {

    /**
     * Locks {@code channel} without waiting; closes it when the lock is held elsewhere (by another process,
     * or another channel of this one).
     */
    static Optional<HeldLock> tryLock(FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new HeldLock(channel, lock));
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
