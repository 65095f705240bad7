package org.smart.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back soon after a watched process exits, whether or not it is a child of this JVM.
 *
 * <p>One thread polls every watched process each interval through a descriptor held open on its
 * {@code /proc/PID/statm}. Such a descriptor stays bound to the process it was opened for: once that
 * process is reaped a read fails with ESRCH, even if its pid has been given to another process, and
 * while it is a zombie (or exiting) it reads as all zeros because it has no memory left. One pread
 * costs 2-4 µs, so 1000 watched processes cost 2-4 ms of one core per interval (12-14 ms
 * when opening {@code /proc/PID/stat} each time). The price is one open descriptor per watch.
 *
 * <p>With nothing to watch the thread sleeps until a watch comes: a daemon whose services run no
 * processes of their own (check scripts and plugins only) pays no wake-ups for it.
 *
 * <p>{@link ProcessHandle#onExit()} was rejected: for a process that is not a child it parks one
 * thread per process, polls every 0.3 s growing to 5 s, and counts a zombie as alive, so it reports
 * an exit only once init has reaped the process (1.6 s after SIGKILL on the test machine).
 */
public final class ProcessWatcher implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWatcher.class);

    private final ProcFs procFs;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Thread poller;
    private final long intervalMillis;
    /** Notified when a watch is added or the watcher closes. */
    private final Object watchAdded = new Object();
    private volatile boolean closed;
    /** Used only on the poller thread. */
    private final ByteBuffer buffer = ByteBuffer.allocate(128);

    public ProcessWatcher() {
        this(new ProcFs(), DEFAULT_INTERVAL);
    }

    public ProcessWatcher(ProcFs procFs, Duration interval) {
        this.procFs = procFs;
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.poller = new Thread(this::run, "smart-process-watcher");
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * Calls {@code onExit} once, on the watcher's thread, when {@code p} has exited (also when it had
     * already exited, or its pid belongs to another process now). The callback must be quick: hand
     * real work to another thread.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Watch watch(ProcessInfo p, Runnable onExit) {
        if (closed) {
            throw new IllegalStateException("process watcher is closed");
        }
        // Opened before the identity check: if the pid is still p's afterwards, it was p's before,
        // so the descriptor belongs to p and not to a later owner of the pid.
        FileChannel statm = openStatm(p.pid());
        Watch watch = new Watch(p, onExit, statm != null && procFs.isRunning(p) ? statm : null);
        if (watch.statm == null) {
            closeQuietly(statm);
        }
        watches.add(watch);
        synchronized (watchAdded) {
            watchAdded.notifyAll();
        }
        return watch;
    }

    /** How many watches are waiting for their process to exit. */
    public int size() {
        return watches.size();
    }

    /** Stops the watcher thread; pending callbacks are never made. */
    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        watches.forEach(Watch::cancel);
    }

    private void run() {
        try {
            while (!closed) {
                awaitWatches();
                Thread.sleep(intervalMillis);
                poll();
            }
        } catch (InterruptedException closing) {
            // close() interrupts: nothing left to do
        }
    }

    private void awaitWatches() throws InterruptedException {
        synchronized (watchAdded) {
            while (watches.isEmpty() && !closed) {
                watchAdded.wait();
            }
        }
    }

    private FileChannel openStatm(int pid) {
        try {
            return FileChannel.open(procFs.processDir(pid).resolve("statm"));
        } catch (IOException gone) {
            return null;
        }
    }

    private void poll() {
        for (Watch watch : watches) {
            if (watch.hasExited(buffer) && watch.finish()) {
                try {
                    watch.onExit.run();
                } catch (RuntimeException e) { // one failing callback must not stop the watching of others
                    LOG.warn("exit callback for pid {} failed", watch.process.pid(), e);
                }
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // Closing a /proc read descriptor cannot lose data.
        }
    }

    /** One registration; {@link #cancel()} it to stop watching. */
    public final class Watch {

        private final ProcessInfo process;
        private final Runnable onExit;
        /** Null when the process was gone already at registration. */
        private final FileChannel statm;
        private final AtomicBoolean finished = new AtomicBoolean();

        private Watch(ProcessInfo process, Runnable onExit, FileChannel statm) {
            this.process = process;
            this.onExit = onExit;
            this.statm = statm;
        }

        public ProcessInfo process() {
            return process;
        }

        /** Stops watching; once this returns, the callback will not start (it may be running already). */
        public void cancel() {
            finish();
        }

        private boolean hasExited(ByteBuffer into) {
            if (statm == null) {
                return true;
            }
            into.clear();
            try {
                // A live process always has a nonzero size, the first field.
                return statm.read(into, 0) <= 0 || into.get(0) == '0';
            } catch (IOException reaped) {
                return true;
            }
        }

        /** True for the one caller that ends this watch. */
        private boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            watches.remove(this);
            closeQuietly(statm);
            return true;
        }
    }
}
