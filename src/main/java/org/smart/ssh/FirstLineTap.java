package org.smart.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Passes a command's stdout on unchanged and hands its first line, once complete, to a listener: so a caller
 * can act on what a long-running remote command says first (a process id) before the command ends.
 */
final class FirstLineTap extends OutputStream {
    private static final int MAX_LINE = 256;

    private final OutputStream rest;
    private final Consumer<String> listener;
    private final StringBuilder line = new StringBuilder();
    private boolean told;

    /** @param listener called at most once, on an SSH I/O thread: it must not block */
    FirstLineTap(OutputStream rest, Consumer<String> listener) {
        this.rest = rest;
        this.listener = listener;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        rest.write(b, off, len);
        String complete = null;
        synchronized (this) {
            for (int i = off; i < off + len && !told; i++) {
                if (b[i] == '\n') {
                    told = true;
                    complete = line.toString();
                } else if (line.length() < MAX_LINE) {
                    line.append((char) (b[i] & 0xff));
                }
            }
        }
        if (complete != null) {
            listener.accept(new String(complete.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void flush() throws IOException {
        rest.flush();
    }
}
