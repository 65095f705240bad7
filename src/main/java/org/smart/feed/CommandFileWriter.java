package org.smart.feed;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends passive results to a Nagios / Naemon / Icinga external command file: usually a FIFO
 * ({@code /var/lib/nagios3/rw/nagios.cmd}, {@code /var/run/icinga2/cmd/icinga2.cmd}), sometimes a
 * regular file.
 *
 * <p><b>Never blocks the agent.</b> In Java, opening a FIFO for writing blocks in open(2) until a
 * reader opens it, and a write blocks while the pipe is full. So {@link #submit} only queues the
 * result; one writer thread opens the file and writes. While the file cannot be written the bounded
 * queue fills, and then the oldest results are dropped with a counted warning.
 *
 * <p><b>One line, one write.</b> Each line is formatted to at most {@value
 * ExternalCommandFormatter#PIPE_BUF} bytes (longer output is cut, and the line says so) and written
 * with one write(2): on a FIFO such a write is atomic, so lines of other writers (check_by_ssh,
 * send_nsca, ...) never interleave with ours. The file is opened with O_APPEND and without O_CREAT:
 * a missing command file means Nagios is not running, and creating a regular file in its place would
 * stop Nagios from making its FIFO.
 *
 * <p><b>Errors.</b> After an error the file is closed and reopened, with growing delays; the line
 * that failed is written again. EPIPE (the reader went away, e.g. Nagios restarted) is such an
 * error: a write of at most PIPE_BUF bytes that fails with EPIPE wrote nothing. Failures are logged
 * once per change of state.
 *
 * <p><b>Closing.</b> {@link #close()} writes what is queued for up to the drain time. If the writer
 * is then still stuck in open(2) for want of a reader, it is freed by briefly opening the FIFO
 * read-write ourselves (on Linux that never blocks, and it completes the pending open).
 */
public final class CommandFileWriter extends QueuedSink {

    private static final Logger LOG = LoggerFactory.getLogger(CommandFileWriter.class);

    private final Path path;
    private final ExternalCommandFormatter formatter = new ExternalCommandFormatter();
    private final AtomicLong written = new AtomicLong();
    private volatile FileChannel channel;
    private volatile boolean opening;

    private CommandFileWriter(CommandFileFeedConfig config) {
        super("command file " + config.path(), config.queueCapacity(), config.drainTimeout(), config.retry(), LOG);
        this.path = config.path();
    }

    /** Starts the writer thread; the file is opened on the first result. */
    public static CommandFileWriter start(CommandFileFeedConfig config) {
        CommandFileWriter writer = new CommandFileWriter(config);
        writer.startDelivering("smart-feed-cmdfile");
        return writer;
    }

    @Override
    public void close() {
        super.close();
        closeChannel();
    }

    /** Lines written so far. */
    public long written() {
        return written.get();
    }

    @Override
    String status() {
        return opening ? "waiting in open() for a reader of " + path : super.status();
    }

    /** Runs on the writer thread; after an error the file is closed, to be opened again on the next attempt. */
    @Override
    Optional<String> attempt(PassiveResult result) {
        byte[] line = formatter.format(result, ExternalCommandFormatter.PIPE_BUF).getBytes(UTF_8);
        try {
            write(line);
            written.incrementAndGet();
            return Optional.empty();
        } catch (IOException e) {
            closeChannel();
            return Optional.of(describe(e));
        }
    }

    @Override
    void unblock() {
        closeChannel();
        if (opening && isFifo()) {
            // Opening a FIFO O_RDWR never blocks on Linux and counts as a reader, which lets the
            // writer's pending open(O_WRONLY) return; it then sees stopping() and writes nothing.
            try (FileChannel ignored = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                LOG.debug("command file {}: freed the writer waiting for a reader", path);
            } catch (IOException e) {
                LOG.debug("command file {}: could not free the writer: {}", path, e.toString());
            }
        }
    }

    private void write(byte[] line) throws IOException {
        FileChannel ch = channel;
        if (ch == null) {
            ch = open();
        }
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }

    private FileChannel open() throws IOException {
        opening = true;
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } finally {
            opening = false;
        }
        channel = ch;
        if (stopping()) {
            throw new InterruptedIOException("closing");
        }
        return ch;
    }

    private void closeChannel() {
        FileChannel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("command file {}: close failed: {}", path, e.toString());
            }
        }
    }

    private boolean isFifo() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).isOther();
        } catch (IOException e) {
            return false;
        }
    }

    private String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "does not exist (is Nagios/Icinga running?)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied (SMART's user must be allowed to write it, e.g. via the nagios group)";
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Broken pipe")) {
            return "the reader closed the pipe (Broken pipe)";
        }
        return e.getClass().getSimpleName() + ": " + message;
    }
}
