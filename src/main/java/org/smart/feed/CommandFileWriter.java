package org.smart.feed;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.security.SafeFiles;

/**
 * Appends passive results to a Nagios / Naemon / Icinga external command file: usually a FIFO
 * ({@code /var/lib/nagios3/rw/nagios.cmd}, {@code /var/run/icinga2/cmd/icinga2.cmd}), sometimes a
 * regular file.
 *
 * <p><b>Never blocks the agent, never waits for a reader.</b> {@link #submit} only queues the result;
 * one writer thread opens the file and writes. Opening a FIFO for writing blocks in open(2) until a
 * reader opens it, so the writer first opens it for reading and writing (on Linux that never blocks and
 * counts as a reader), then for appending, and closes the first: the open returns at once, and with no
 * other reader (Nagios not running) the write fails with EPIPE, a failure retried with growing delays
 * like any other. While the file cannot be written the bounded queue fills, and then the oldest results
 * are dropped with a counted warning.
 *
 * <p><b>Only the pipe or file itself.</b> SMART runs as root and the command file's directory belongs to
 * Nagios's user, so a symbolic link there is never followed (it could point at any file of root's), and
 * anything but a FIFO or a regular file (a directory, a socket, a device) is refused, with a message
 * naming what it is.
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
 * is then still stuck in open(2) (the FIFO was replaced between its two opens) it is freed by briefly
 * opening the FIFO read-write ourselves, which completes the pending open; a write stuck on a full pipe
 * is freed by closing the file.
 */
public final class CommandFileWriter extends QueuedSink {

    private static final Logger LOG = LoggerFactory.getLogger(CommandFileWriter.class);
    private static final OpenOption[] APPEND_ONLY = {
        StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS};

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
            // (Needs read permission, as openPipe does; without it the thread is left as a daemon thread.)
            try (FileChannel ignored = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
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
            ch = checkedIsFifo() ? openPipe() : FileChannel.open(path, APPEND_ONLY);
        } finally {
            opening = false;
        }
        channel = ch;
        if (stopping()) {
            throw new InterruptedIOException("closing");
        }
        return ch;
    }

    /** True for a FIFO, false for a regular file; anything else is refused. */
    private boolean checkedIsFifo() throws IOException {
        SafeFiles.Type type = SafeFiles.typeOf(path);
        return switch (type) {
            case REGULAR -> false;
            case FIFO -> true;
            case SYMBOLIC_LINK -> throw new Refused("is a symbolic link; SMART writes only to the pipe or file itself");
            default -> throw new Refused("is " + type.words() + ", not a named pipe or a regular file");
        };
    }

    /**
     * Opens the FIFO for appending without waiting for a reader: held open for reading as well, it has
     * one (us) while the append-only open runs. Without read permission on the FIFO that cannot be done,
     * and the open waits for a reader as any writer's does (on the writer thread only; see close).
     */
    private FileChannel openPipe() throws IOException {
        FileChannel ownReader;
        try {
            ownReader = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            return FileChannel.open(path, APPEND_ONLY);
        }
        try (ownReader) {
            return FileChannel.open(path, APPEND_ONLY);
        }
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
            return SafeFiles.typeOf(path) == SafeFiles.Type.FIFO;
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
        if (e instanceof Refused) {
            return message;
        }
        if (message.contains("Broken pipe")) {
            return "no process reads the pipe (Broken pipe): is Nagios/Icinga running?";
        }
        return e.getClass().getSimpleName() + ": " + message;
    }

    /** A file SMART will not write to; the message says why. */
    private static final class Refused extends IOException {
        Refused(String why) {
            super(why);
        }
    }
}
