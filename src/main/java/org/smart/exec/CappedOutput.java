package org.smart.exec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keeps the first {@code cap} bytes written to it and counts the rest, which it drops. */
final class CappedOutput {

    private final int cap;
    private byte[] kept = new byte[0];
    private int size;
    private long dropped;

    CappedOutput(int cap) {
        this.cap = cap;
    }

    void write(byte[] bytes, int length) {
        int room = Math.min(length, cap - size);
        if (room > 0) {
            if (size + room > kept.length) {
                kept = Arrays.copyOf(kept, Math.min(cap, Math.max(size + room, kept.length * 2)));
            }
            System.arraycopy(bytes, 0, kept, size, room);
            size += room;
        }
        dropped += length - room;
    }

    boolean truncated() {
        return dropped > 0;
    }

    String text() {
        return new String(kept, 0, size, StandardCharsets.UTF_8);
    }
}
