package org.smart.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds systemd's watchdog ({@code WatchdogSec=}) at half its timeout, as sd_watchdog_enabled(3) advises, but
 * only while {@code alive} says the daemon's work is getting done: a process whose scheduler is wedged is still
 * a running JVM, and only systemd's restart gets it checking again.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final ServiceManager manager;
    private final BooleanSupplier alive;
    private final ScheduledExecutorService pinger;
    private boolean starving;

    private Watchdog(ServiceManager manager, BooleanSupplier alive) {
        this.manager = manager;
        this.alive = alive;
        this.pinger = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smart-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The watchdog timeout systemd asks for: {@code WATCHDOG_USEC}, unless {@code WATCHDOG_PID} names another
     * process (the variable was inherited from a parent the watchdog is meant for).
     */
    public static Optional<Duration> timeout(Map<String, String> environment, long ownPid) {
        String pid = environment.getOrDefault("WATCHDOG_PID", "");
        if (!pid.isEmpty() && !pid.equals(Long.toString(ownPid))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(environment.getOrDefault("WATCHDOG_USEC", ""));
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Pings {@code manager} every {@code timeout / 2} while {@code alive}, from a thread of its own. */
    public static Watchdog start(ServiceManager manager, Duration timeout, BooleanSupplier alive) {
        Watchdog watchdog = new Watchdog(manager, alive);
        long period = Math.max(1, timeout.toMillis() / 2);
        watchdog.pinger.scheduleAtFixedRate(watchdog::feed, 0, period, TimeUnit.MILLISECONDS);
        LOG.info("feeding the systemd watchdog every {} ms (timeout {} ms)", period, timeout.toMillis());
        return watchdog;
    }

    private void feed() {
        boolean working;
        try {
            working = alive.getAsBoolean();
        } catch (RuntimeException e) {
            working = false;
        }
        if (working) {
            if (starving) {
                LOG.info("the scheduler turns again; feeding the systemd watchdog again");
            }
            starving = false;
            manager.send("WATCHDOG=1");
        } else if (!starving) {
            starving = true;
            LOG.error("the scheduler is wedged: no longer feeding the systemd watchdog, so that systemd restarts SMART");
            manager.send("STATUS=scheduler wedged; waiting for the watchdog to restart SMART");
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
    }
}
