package org.smart.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.smart.ssh.ChannelRun.End;

/**
 * Reads a batch's stdout as it arrives ({@link BatchScript} says the format) and turns it into one
 * {@link RemoteResult} per command, each with the elapsed time the remote side measured for it (records come
 * in bunches, so their arrival says little).
 */
final class BatchOutputParser extends OutputStream {
    private static final int MAX_HEADER = 128;

    private final String token;
    private final int expected;
    private final int cap;
    private final List<Record> records = new ArrayList<>();
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private String error;
    private Record current;
    private long bodyLeft;
    private boolean expectingNewline;

    BatchOutputParser(String token, int expected, int cap) {
        this.token = token;
        this.expected = expected;
        this.cap = cap;
    }

    /** One command's record: exit status, whether it was killed at its limit, output kept, whether more was cut. */
    private static final class Record {
        final int status;
        final boolean timedOut;
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        boolean truncated;
        final Duration elapsed;

        Record(int status, boolean timedOut, Duration elapsed) {
            this.status = status;
            this.timedOut = timedOut;
            this.elapsed = elapsed;
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && error == null) {
            if (current == null) {
                i = readHeader(b, i, end);
            } else if (bodyLeft > 0) {
                int n = (int) Math.min(bodyLeft, end - i);
                keep(b, i, n);
                bodyLeft -= n;
                i += n;
            } else {
                i = readRecordEnd(b[i], i);
            }
        }
    }

    private int readHeader(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i++];
            if (c == '\n') {
                startRecord(header.toString(StandardCharsets.US_ASCII));
                header.reset();
                return i;
            }
            if (header.size() >= MAX_HEADER) {
                error = "a record header is longer than " + MAX_HEADER + " bytes";
                return end;
            }
            header.write(c);
        }
        return i;
    }

    private void startRecord(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 6 || !parts[0].equals(token) || !parts[1].equals(String.valueOf(records.size()))
                || !parts[3].matches("[01]")) {
            error = "expected the header of command " + records.size() + ", got '" + abbreviate(line) + "'";
            return;
        }
        try {
            Duration elapsed = Duration.ofMillis(10 * Math.max(0, Long.parseLong(parts[4])));
            current = new Record(Integer.parseInt(parts[2]), parts[3].equals("1"), elapsed);
            bodyLeft = Long.parseLong(parts[5]);
            current.truncated = bodyLeft > cap;
            expectingNewline = true;
        } catch (NumberFormatException e) {
            error = "unreadable record header '" + abbreviate(line) + "'";
        }
    }

    private void keep(byte[] b, int off, int n) {
        int room = Math.max(0, Math.min(n, cap - current.output.size()));
        current.output.write(b, off, room);
        current.truncated |= room < n;
    }

    private int readRecordEnd(byte c, int i) {
        if (!expectingNewline || c != '\n') {
            error = "record of command " + records.size() + " is longer than its length says";
            return i;
        }
        records.add(current);
        current = null;
        expectingNewline = false;
        return i + 1;
    }

    /** One result per command, in order; commands the output has no record for get the channel's ending. */
    synchronized List<RemoteResult> results(End end, Duration timeout, String stderr) {
        List<RemoteResult> results = new ArrayList<>(expected);
        for (Record r : records.subList(0, Math.min(records.size(), expected))) {
            results.add(resultOf(r, timeout));
        }
        for (int i = results.size(); i < expected; i++) {
            results.add(missing(end, stderr));
        }
        return results;
    }

    private static RemoteResult resultOf(Record r, Duration timeout) {
        String output = r.output.toString(StandardCharsets.UTF_8);
        if (r.timedOut) {
            return RemoteResult.timedOut(output, "", r.truncated, r.elapsed, "did not finish within "
                    + SshConnection.seconds(timeout) + "; killed with everything it started");
        }
        return RemoteResult.completed(r.status, output, "", r.truncated, r.elapsed);
    }

    private RemoteResult missing(End end, String stderr) {
        if (end.notConnected() != null) {
            return RemoteResult.connectionFailed(end.notConnected(), end.elapsed());
        }
        if (end.connectionLoss() != null) {
            return RemoteResult.connectionFailed(end.connectionLoss(), end.elapsed());
        }
        if (end.backstopFired()) {
            return RemoteResult.timedOut("", stderr, false, end.elapsed(),
                    "no result for this command came back before the remote side stopped answering");
        }
        String why = error != null ? "unreadable batch output: " + error
                : end.openFailure() != null ? "the server refused a channel: " + end.openFailure()
                : "the batch ended before this command (exit status " + end.exitStatus() + ")";
        return RemoteResult.channelFailed(why, stderr, end.elapsed());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
