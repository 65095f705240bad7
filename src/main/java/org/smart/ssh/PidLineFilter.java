package org.smart.ssh;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Takes the first line of a remote command's stdout, where SMART's wrapper printed the process id of the remote
 * process group ({@code echo $$}), and passes everything after it on unchanged.
 */
final class PidLineFilter extends OutputStream {
    private static final int MAX_PID_DIGITS = 19;
    private final OutputStream rest;
    private final StringBuilder line = new StringBuilder();
    private boolean pidSeen;
    private long pid = -1;

    PidLineFilter(OutputStream rest) {
        this.rest = rest;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int i = off;
        int end = off + len;
        while (!pidSeen && i < end) {
            char c = (char) (b[i++] & 0xff);
            if (c == '\n') {
                pidSeen = true;
                pid = parse(line);
            } else if (line.length() <= MAX_PID_DIGITS) {
                line.append(c);
            }
        }
        if (i < end) {
            rest.write(b, i, end - i);
        }
    }

    @Override
    public void flush() throws IOException {
        rest.flush();
    }

    /** The remote process group id, or -1 when it was not (yet) printed. */
    synchronized long pid() {
        return pid;
    }

    private static long parse(CharSequence digits) {
        if (digits.length() == 0 || digits.length() > MAX_PID_DIGITS
                || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits.toString());
    }
}
