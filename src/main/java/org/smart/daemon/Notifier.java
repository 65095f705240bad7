package org.smart.daemon;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.notify.Channel;
import org.smart.notify.ChannelSpools;
import org.smart.notify.DeliveryReport;
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
        final String channel;
        final Path spool;
        final Outbox outbox;
        final ExecutorService worker;
        final AtomicBoolean flushQueued = new AtomicBoolean();

        Lane(Channel channel, Path spool, Clock clock) {
            this.channel = channel.name();
            this.spool = spool;
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

    /**
     * Sends {@code notification} through every channel and waits, at most {@code patience}, until each has
     * delivered it or kept it in its spool: for a notification that must be out before the daemon goes on
     * (the one before a reboot). Each lane still delivers on its own thread, after what it is busy with.
     *
     * @return what happened on each channel; empty when no channel is configured
     */
    DeliveryReport sendNow(Notification notification, Duration patience) {
        if (lanes.isEmpty()) {
            send(notification); // says so in the log
            return new DeliveryReport(List.of(), List.of());
        }
        LOG.info("notifying {} and waiting for it: {}", notification.kind(), notification.subject());
        Map<Lane, Future<DeliveryReport>> flushes = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            lane.outbox.enqueue(notification);
            try {
                flushes.put(lane, lane.worker.submit(() -> lane.outbox.flush()));
            } catch (RejectedExecutionException closing) {
                flushes.put(lane, CompletableFuture.failedFuture(closing));
            }
        }
        long deadline = System.nanoTime() + patience.toNanos();
        List<DeliveryReport.Outcome> outcomes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        flushes.forEach((lane, flush) -> {
            try {
                DeliveryReport report = flush.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                List<DeliveryReport.Outcome> own = report.outcomes().stream()
                        .filter(outcome -> outcome.notificationId().equals(notification.id())).toList();
                outcomes.addAll(own.isEmpty() ? List.of(handledElsewhere(lane, notification)) : own);
                problems.addAll(report.spoolProblems());
            } catch (TimeoutException e) {
                outcomes.add(kept(lane, notification, "not delivered within " + patience.toSeconds() + " s"));
            } catch (ExecutionException e) {
                outcomes.add(kept(lane, notification, "not tried: " + e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(kept(lane, notification, "interrupted"));
            }
        });
        return new DeliveryReport(outcomes, problems);
    }

    /** A flush already under way on the lane took the notification: delivered unless it is still in the spool. */
    private static DeliveryReport.Outcome handledElsewhere(Lane lane, Notification notification) {
        boolean waiting = lane.outbox.pending().stream()
                .anyMatch(entry -> entry.notification().id().equals(notification.id()));
        return waiting ? kept(lane, notification, "not delivered yet (see the log)")
                : new DeliveryReport.Outcome(lane.channel, notification.id(), null, null);
    }

    private static DeliveryReport.Outcome kept(Lane lane, Notification notification, String why) {
        return new DeliveryReport.Outcome(lane.channel, notification.id(), why, lane.spool);
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
