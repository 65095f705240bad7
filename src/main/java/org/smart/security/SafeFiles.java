package org.smart.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads files at paths that others may write to (pid files, configuration, state): never anything but
 * a regular file, never more than a bound, never blocking, and never through a symbolic link unless the
 * caller says links are expected there (configuration files often are links into a managed tree).
 *
 * <p>Java cannot open with {@code O_NONBLOCK}, and opening a FIFO for reading blocks until a writer
 * comes. So the path is first examined with {@code lstat}, and anything but a regular file is refused,
 * naming its type. That leaves a window between the {@code lstat} and the {@code open} in which a user
 * who can write the directory could put a FIFO in the file's place. Two guards close it:
 * <ul>
 * <li>the {@code open} runs under a watchdog: if it has not returned within {@link #OPEN_LIMIT}, the
 *     watchdog opens the FIFO {@code O_RDWR}, which on Linux never blocks and gives the stuck open the
 *     writer it waits for; the open then returns and the read is refused. (Root can always do this; a
 *     user without write access to the FIFO cannot, and stays blocked, as any reader would.)</li>
 * <li>after the {@code open}, a file whose size is 0 is not read: a FIFO (or a device) reports size 0,
 *     and reading one could block for good, while an empty regular file has nothing to read anyway.</li>
 * </ul>
 * The alternative, opening on a worker thread and abandoning it after a timeout, costs a thread
 * hand-off on every read and leaves the abandoned thread blocked forever; the watchdog costs a
 * scheduled task that is cancelled at once in the normal case, and unblocks the thread when it fires.
 */
public final class SafeFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SafeFiles.class);
    static final Duration OPEN_LIMIT = Duration.ofSeconds(1);
    /** Reads in pieces, so the JDK never caches a native buffer as large as a whole configuration file. */
    private static final int PIECE = 64 * 1024;

    private SafeFiles() {
    }

    /** Whether a symbolic link at the path is followed to the file it names, or refused. */
    public enum Links {
        FOLLOW, REFUSE;

        LinkOption[] options() {
            return this == FOLLOW ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        }
    }

    /** What {@code lstat} says a path is, with the words a message names it by. */
    public enum Type {
        REGULAR("a regular file"),
        DIRECTORY("a directory"),
        SYMBOLIC_LINK("a symbolic link"),
        FIFO("a FIFO"),
        SOCKET("a socket"),
        CHARACTER_DEVICE("a character device"),
        BLOCK_DEVICE("a block device"),
        UNKNOWN("a file of unknown type");

        private final String words;

        Type(String words) {
            this.words = words;
        }

        /** E.g. "a FIFO", for "PATH is a FIFO". */
        public String words() {
            return words;
        }

        static Type ofMode(int mode) {
            return switch (mode & 0170000) {
                case 0100000 -> REGULAR;
                case 0040000 -> DIRECTORY;
                case 0120000 -> SYMBOLIC_LINK;
                case 0010000 -> FIFO;
                case 0140000 -> SOCKET;
                case 0020000 -> CHARACTER_DEVICE;
                case 0060000 -> BLOCK_DEVICE;
                default -> UNKNOWN;
            };
        }
    }

    /**
     * The type of {@code path} itself, a symbolic link not followed.
     *
     * @throws java.nio.file.NoSuchFileException when nothing is there
     */
    public static Type typeOf(Path path) throws IOException {
        return typeOf(path, Links.REFUSE);
    }

    private static Type typeOf(Path path, Links links) throws IOException {
        return Type.ofMode(FileStatus.of(path, links.options()).mode());
    }

    /**
     * Up to {@code maxBytes} bytes from the start of a regular file (fewer when it is shorter); a symbolic
     * link is refused.
     *
     * @throws UnexpectedFileException when it is not a regular file (a link, a FIFO, a directory...)
     * @throws java.nio.file.NoSuchFileException when it does not exist
     */
    public static byte[] head(Path file, int maxBytes) throws IOException {
        requireRegular(file, Links.REFUSE);
        try (FileChannel channel = openWithoutBlocking(file, Links.REFUSE)) {
            return headOf(channel, maxBytes);
        }
    }

    /**
     * The whole of a regular file, refused unread when it is larger than {@code limit} bytes.
     *
     * @param limitText the limit as the documentation states it, e.g. "1 MiB"
     * @throws UnexpectedFileException when it is not a regular file or is larger than the limit
     */
    public static byte[] whole(Path file, int limit, String limitText, Links links) throws IOException {
        requireRegular(file, links);
        try (FileChannel channel = openWithoutBlocking(file, links)) {
            long size = channel.size();
            if (size > limit) {
                throw tooLarge(file, limitText, size);
            }
            byte[] bytes = headOf(channel, limit + 1);
            if (bytes.length > limit) { // it grew after the size was taken
                throw tooLarge(file, limitText, bytes.length);
            }
            return bytes;
        }
    }

    /**
     * For a file about to be opened for writing (which would block on a FIFO, or write through a link):
     * refuses anything but a regular file or nothing.
     *
     * @throws UnexpectedFileException when something else is there
     */
    public static void requireRegularOrAbsent(Path file) throws IOException {
        try {
            requireRegular(file, Links.REFUSE);
        } catch (NoSuchFileException absent) {
            // created by the open
        }
    }

    private static UnexpectedFileException tooLarge(Path file, String limitText, long size) {
        return new UnexpectedFileException(file, "is larger than " + limitText + " (" + size + " bytes); not read");
    }

    private static void requireRegular(Path file, Links links) throws IOException {
        Type type = typeOf(file, links);
        if (type != Type.REGULAR) {
            throw new UnexpectedFileException(file, "is " + type.words() + ", not a regular file");
        }
    }

    /** Opens for reading; see the class comment for the watchdog. */
    static FileChannel openWithoutBlocking(Path file, Links links) throws IOException {
        AtomicBoolean unblocked = new AtomicBoolean();
        ScheduledFuture<?> watchdog = Watchdog.TIMER.schedule(() -> unblock(file, links, unblocked),
                OPEN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, options(links, StandardOpenOption.READ));
        } finally {
            watchdog.cancel(false);
        }
        if (unblocked.get()) {
            channel.close();
            // Either a FIFO swapped in after the type check (the usual cause) or a file system that took over
            // the limit to open it: either way what was opened is not known to be the file that was checked.
            throw new UnexpectedFileException(file, "did not open within " + OPEN_LIMIT.toMillis()
                    + " ms (a FIFO put in its place, or a hanging file system); not read");
        }
        return channel;
    }

    private static Set<OpenOption> options(Links links, OpenOption... modes) {
        Set<OpenOption> options = new HashSet<>(List.of(modes));
        options.addAll(List.of(links.options()));
        return options;
    }

    private static void unblock(Path file, Links links, AtomicBoolean unblocked) {
        unblocked.set(true);
        try {
            if (typeOf(file, links) == Type.FIFO) {
                FileChannel.open(file, options(links, StandardOpenOption.READ, StandardOpenOption.WRITE)).close();
            }
        } catch (IOException e) {
            LOG.warn("{}: opening it did not return within {} ms and it cannot be unblocked: {}", file,
                    OPEN_LIMIT.toMillis(), e.toString());
        }
    }

    /** Nothing from a channel of size 0: it may be a FIFO put in the file's place, whose read could block. */
    static byte[] headOf(FileChannel channel, int maxBytes) throws IOException {
        return channel.size() == 0 ? new byte[0] : readUpTo(channel, maxBytes);
    }

    private static byte[] readUpTo(FileChannel channel, int maxBytes) throws IOException {
        long size = channel.size();
        // a little more than the size, to see a file that grew; never more than asked for
        byte[] bytes = new byte[(int) Math.min(maxBytes, size + PIECE)];
        int filled = 0;
        while (filled < bytes.length) {
            int read = channel.read(ByteBuffer.wrap(bytes, filled, Math.min(PIECE, bytes.length - filled)));
            if (read < 0) {
                break;
            }
            filled += read;
        }
        return filled == bytes.length ? bytes : Arrays.copyOf(bytes, filled);
    }

    /**
     * One timer for every open, made on first use: a daemon thread, so it never keeps SMART running.
     * It holds no state of SMART's, only the watchdog tasks of opens under way.
     */
    private static final class Watchdog {
        static final ScheduledExecutorService TIMER = timer();

        private static ScheduledExecutorService timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "smart-open-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true); // cancelled watchdogs do not pile up in the queue
            return timer;
        }
    }
}
