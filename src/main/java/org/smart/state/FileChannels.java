package org.smart.state;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * Writes to a file channel in pieces of at most {@link #PIECE} bytes. The JDK copies a heap buffer
 * through a temporary direct buffer of the same size and keeps that buffer for the thread; one write
 * of a whole state file (a megabyte for a thousand services) would hold a megabyte of native memory
 * for as long as the daemon runs, and more as the file grows.
 */
final class FileChannels {

    static final int PIECE = 64 * 1024;

    private FileChannels() {
    }

    static void writeAll(FileChannel channel, byte[] bytes) throws IOException {
        for (int offset = 0; offset < bytes.length; offset += PIECE) {
            ByteBuffer piece = ByteBuffer.wrap(bytes, offset, Math.min(PIECE, bytes.length - offset));
            while (piece.hasRemaining()) {
                channel.write(piece);
            }
        }
    }

    /**
     * A buffered stream onto the channel that writes pieces of at most {@link #PIECE} bytes, for a writer
     * that writes less than that at a time (Jackson's generators do). Closing it closes the channel.
     */
    static OutputStream outputStream(FileChannel channel) {
        return new BufferedOutputStream(Channels.newOutputStream(channel), PIECE);
    }
}
