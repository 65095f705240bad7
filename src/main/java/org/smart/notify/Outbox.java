package org.smart.notify;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications so that none is silently lost. {@link #send} first writes the notification
 * to the spool once per channel, then lets every channel deliver it at the same time, so a slow or
 * failing channel never holds back the others; a delivered copy is removed from the spool, a failed
 * one stays with its attempt count and the time of its next attempt. {@link #flush} retries what is
 * due, oldest first, in this run or any later one: the spool survives restarts.
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** A channel that fails this often in a row in one flush is not tried again in that flush. */
    static final int MAX_FAILURES_IN_A_ROW = 3;

    private final Spool spool;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Clock clock;
    private final Backoff backoff;

    public Outbox(Path spoolDir, List<Channel> channels, Clock clock, Backoff backoff) {
        for (Channel channel : channels) {
            if (this.channels.putIfAbsent(channel.name(), channel) != null) {
                throw new IllegalArgumentException("two notification channels are named '" + channel.name() + "'");
            }
        }
        this.spool = new Spool(spoolDir);
        this.clock = clock;
        this.backoff = backoff;
    }

    public Outbox(Path spoolDir, List<Channel> channels, Clock clock) {
        this(spoolDir, channels, clock, Backoff.DEFAULT);
    }

    /** Spools the notification for every channel, then delivers it through all of them at once. */
    public synchronized DeliveryReport send(Notification n) {
        return deliver(spool(n), List.of());
    }

    /**
     * Spools the notification for every channel without delivering it; the next {@link #flush()}
     * delivers it. A daemon calls this where it decides to notify, so the notification survives a
     * crash even while a slow channel is busy. Not synchronized: it must not wait for a flush that is
     * delivering through a slow channel, and each spool file is written atomically on its own.
     */
    public void enqueue(Notification n) {
        spool(n);
    }

    private Map<String, List<PendingDelivery>> spool(Notification n) {
        Map<String, List<PendingDelivery>> work = new LinkedHashMap<>();
        for (String channel : channels.keySet()) {
            PendingDelivery entry = PendingDelivery.fresh(spool.fileFor(n.id(), channel), channel, n, clock.instant());
            try {
                spool.write(entry);
            } catch (IOException e) {
                LOG.error("{} notification {} for {}: cannot write spool file {} ({}); trying {} anyway",
                        n.kind(), n.id(), n.target(), entry.file(), Texts.causes(e), channel);
            }
            work.put(channel, List.of(entry));
        }
        return work;
    }

    /** Retries the spooled notifications whose backoff has expired. */
    public DeliveryReport flush() {
        return flush(false);
    }

    /**
     * Retries spooled notifications, oldest first; with {@code ignoreBackoff} all of them (one-shot
     * runs, which run too rarely to wait for a backoff). Skips, and says so, when another process is
     * flushing the same spool.
     */
    public synchronized DeliveryReport flush(boolean ignoreBackoff) {
        Optional<FileChannel> lock;
        try {
            lock = spool.tryLock();
        } catch (IOException e) {
            String problem = "cannot open spool " + spool.dir() + ": " + Texts.causes(e);
            LOG.error(problem);
            return new DeliveryReport(List.of(), List.of(problem));
        }
        if (lock.isEmpty()) {
            String problem = "spool " + spool.dir() + " is being flushed by another process; left to it";
            LOG.info(problem);
            return new DeliveryReport(List.of(), List.of(problem));
        }
        try {
            Spool.Scan scan = spool.scan();
            return deliver(due(scan.entries(), ignoreBackoff), scan.problems());
        } finally {
            release(lock.get());
        }
    }

    private void release(FileChannel lock) {
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("cannot release the lock of spool {}: {}", spool.dir(), Texts.causes(e));
        }
    }

    /** Everything still waiting in the spool, oldest first (for status pages). */
    public List<PendingDelivery> pending() {
        return spool.scan().entries().stream().sorted(OLDEST_FIRST).toList();
    }

    private static final Comparator<PendingDelivery> OLDEST_FIRST = Comparator
            .comparing((PendingDelivery e) -> e.notification().createdAt())
            .thenComparing(e -> e.notification().id())
            .thenComparing(PendingDelivery::channel);

    private Map<String, List<PendingDelivery>> due(List<PendingDelivery> entries, boolean ignoreBackoff) {
        return entries.stream()
                .filter(e -> ignoreBackoff || e.isDue(clock.instant()))
                .sorted(OLDEST_FIRST)
                .collect(Collectors.groupingBy(PendingDelivery::channel, LinkedHashMap::new, Collectors.toList()));
    }

    /** One thread per channel; each channel works through its own entries in order. */
    private DeliveryReport deliver(Map<String, List<PendingDelivery>> work, List<String> spoolProblems) {
        if (work.isEmpty()) {
            return new DeliveryReport(List.of(), spoolProblems);
        }
        // Daemon threads: a channel stuck past its own timeout must not keep a one-shot run alive.
        ExecutorService pool = Executors.newFixedThreadPool(work.size(), runnable -> {
            Thread thread = new Thread(runnable, "smart-notify");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Future<List<DeliveryReport.Outcome>>> running = new LinkedHashMap<>();
            work.forEach((channel, entries) -> running.put(channel, pool.submit(() -> {
                Thread.currentThread().setName("smart-notify-" + channel);
                return deliverInOrder(channel, entries);
            })));
            List<DeliveryReport.Outcome> outcomes = new ArrayList<>();
            running.forEach((channel, future) -> outcomes.addAll(await(future, work.get(channel))));
            return new DeliveryReport(outcomes, spoolProblems);
        } finally {
            pool.shutdown();
        }
    }

    private List<DeliveryReport.Outcome> deliverInOrder(String channelName, List<PendingDelivery> entries) {
        Channel channel = channels.get(channelName);
        List<DeliveryReport.Outcome> outcomes = new ArrayList<>();
        int failuresInARow = 0;
        for (PendingDelivery entry : entries) {
            if (channel == null) {
                outcomes.add(notTried(entry, "no channel named '" + channelName + "' is configured"));
            } else if (failuresInARow >= MAX_FAILURES_IN_A_ROW) {
                outcomes.add(notTried(entry, "not tried: " + channelName + " failed " + failuresInARow
                        + " times in a row in this flush"));
            } else {
                DeliveryReport.Outcome outcome = attempt(channel, entry);
                failuresInARow = outcome.delivered() ? 0 : failuresInARow + 1;
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    private DeliveryReport.Outcome attempt(Channel channel, PendingDelivery entry) {
        Notification n = entry.notification();
        try {
            channel.deliver(n);
        } catch (DeliveryException e) {
            return failed(entry, e.getMessage());
        } catch (RuntimeException e) {
            return failed(entry, "unexpected error: " + e);
        }
        LOG.info("{} notification {} for {}: delivered via {}", n.kind(), n.id(), n.target(), entry.channel());
        try {
            spool.remove(entry);
        } catch (IOException e) {
            LOG.warn("{} notification {}: delivered via {} but its spool file {} could not be removed ({}); "
                    + "it will be delivered again", n.kind(), n.id(), entry.channel(), entry.file(), Texts.causes(e));
        }
        return DeliveryReport.Outcome.delivered(entry.channel(), n.id());
    }

    private DeliveryReport.Outcome failed(PendingDelivery entry, String reason) {
        Notification n = entry.notification();
        PendingDelivery retry = entry.failedAgain(reason, clock.instant(), backoff);
        try {
            spool.write(retry);
        } catch (IOException e) {
            LOG.error("{} notification {} for {}: LOST for {}: {}; and the spool file {} could not be written: {}",
                    n.kind(), n.id(), n.target(), entry.channel(), reason, entry.file(), Texts.causes(e));
            return new DeliveryReport.Outcome(entry.channel(), n.id(), reason, null);
        }
        LOG.warn("{} notification {} for {}: not delivered via {} (attempt {}): {}; kept in spool at {}, next attempt after {}",
                n.kind(), n.id(), n.target(), entry.channel(), retry.attempts(), reason, entry.file(), retry.nextAttempt());
        return new DeliveryReport.Outcome(entry.channel(), n.id(), reason, entry.file());
    }

    private DeliveryReport.Outcome notTried(PendingDelivery entry, String reason) {
        Notification n = entry.notification();
        LOG.warn("{} notification {} for {}: {}; kept in spool at {}", n.kind(), n.id(), n.target(), reason, entry.file());
        return new DeliveryReport.Outcome(entry.channel(), n.id(), reason, entry.file());
    }

    private List<DeliveryReport.Outcome> await(Future<List<DeliveryReport.Outcome>> future, List<PendingDelivery> entries) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return entries.stream().map(entry -> notTried(entry, "interrupted before delivery finished")).toList();
        } catch (ExecutionException e) {
            String reason = "unexpected error: " + e.getCause();
            return entries.stream().map(entry -> notTried(entry, reason)).toList();
        }
    }
}
