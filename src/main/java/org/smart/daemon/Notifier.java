package org.smart.daemon;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.notify.Channel;
import org.smart.notify.ChannelSpools;
import org.smart.notify.Notification;
import org.smart.notify.Outbox;

/**
 * Delivers the daemon's notifications: one lane per channel, each with its own spool and its own
 * thread, so a channel that is down or slow never holds back the others. A notification is written
 * to every lane's spool before {@link #send} returns, so it survives a crash; the lane's thread then
 * delivers it, and what fails is retried with backoff by {@link #flushAll()}, also after a restart.
 */
final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    /** One channel's spool and delivery thread. */
    private static final class Lane {
        final Outbox outbox;
        final ExecutorService worker;
        final AtomicBoolean flushQueued = new AtomicBoolean();

        Lane(Channel channel, Path spool, Clock clock) {
            this.outbox = new Outbox(spool, List.of(channel), clock);
            this.worker = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "smart-notify-" + channel.name());
                thread.setDaemon(true);
                return thread;
            });
        }

        void flushSoon() {
            if (flushQueued.compareAndSet(false, true)) {
                try {
                    worker.execute(() -> {
                        flushQueued.set(false);
                        outbox.flush();
                    });
                } catch (RejectedExecutionException closing) {
                    // replaced by a reload or stopping: the notification waits in the spool for the next flush
                }
            }
        }
    }

    private final List<Lane> lanes;

    /**
     * @param stateDir e-mail waits in {@code STATE_DIR/spool}, shared with one-shot runs; other
     *                 channels in {@code STATE_DIR/spool/CHANNEL}
     */
    Notifier(Path stateDir, List<Channel> channels, Clock clock) {
        this.lanes = channels.stream()
                .map(channel -> new Lane(channel, ChannelSpools.dirFor(stateDir, channel), clock))
                .toList();
    }

    void send(Notification notification) {
        if (lanes.isEmpty()) {
            LOG.info("{}: not notified (no MAIL_TO, WEBHOOK_URL or NOTIFY_COMMAND configured): {}",
                    notification.service(), notification.subject());
            return;
        }
        LOG.info("{}: notifying {}: {}", notification.service(), notification.kind(), notification.subject());
        for (Lane lane : lanes) {
            lane.outbox.enqueue(notification);
            lane.flushSoon();
        }
    }

    /** Retries what waits in the spools and is due (each lane on its own thread). */
    void flushAll() {
        lanes.forEach(Lane::flushSoon);
    }

    /** Lets deliveries under way finish for {@code grace}; what is left stays in the spool for next time. */
    void close(Duration grace) {
        lanes.forEach(lane -> lane.worker.shutdown());
        long deadline = System.nanoTime() + grace.toNanos();
        for (Lane lane : lanes) {
            try {
                if (!lane.worker.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    lane.worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                lane.worker.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(3));
    }
}
