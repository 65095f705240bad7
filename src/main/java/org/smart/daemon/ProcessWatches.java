package org.smart.daemon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.smart.process.ProcessInfo;
import org.smart.process.ProcessWatcher;

/**
 * The processes each service is known to run, watched so that an exit is noticed when it happens
 * rather than at the next check. After every check the set is brought up to date: watches for
 * processes still there are kept, new ones are added, gone ones cancelled.
 */
final class ProcessWatches implements AutoCloseable {

    /** Enough for any daemon's main processes; a service with hundreds of workers need not watch each. */
    static final int MAX_PER_SERVICE = 32;

    /** A process, told apart from a later one with the same pid by its start time. */
    private record Key(int pid, long startTicks) {
        static Key of(ProcessInfo p) {
            return new Key(p.pid(), p.startTicks());
        }
    }

    private final ProcessWatcher watcher;
    private final BiConsumer<String, ProcessInfo> onExit;
    private final Map<String, Map<Key, ProcessWatcher.Watch>> byService = new HashMap<>();
    private final Map<Key, ProcessInfo> watchedProcess = new HashMap<>();

    /** @param onExit called on the watcher's thread with the service and the process that exited; must be quick */
    ProcessWatches(ProcessWatcher watcher, BiConsumer<String, ProcessInfo> onExit) {
        this.watcher = watcher;
        this.onExit = onExit;
    }

    /** Watches exactly {@code processes} (the first {@value #MAX_PER_SERVICE}) for {@code service}. */
    synchronized void watch(String service, List<ProcessInfo> processes) {
        Map<Key, ProcessWatcher.Watch> old = byService.getOrDefault(service, Map.of());
        Map<Key, ProcessWatcher.Watch> now = new HashMap<>();
        for (ProcessInfo p : processes.subList(0, Math.min(processes.size(), MAX_PER_SERVICE))) {
            Key key = Key.of(p);
            ProcessWatcher.Watch watch = old.get(key);
            now.put(key, watch != null ? watch : watcher.watch(p, () -> exited(service, key, p)));
            watchedProcess.put(key, p);
        }
        old.forEach((key, watch) -> {
            if (!now.containsKey(key)) {
                watch.cancel();
                watchedProcess.remove(key);
            }
        });
        if (now.isEmpty()) {
            byService.remove(service);
        } else {
            byService.put(service, now);
        }
    }

    synchronized void cancel(String service) {
        Map<Key, ProcessWatcher.Watch> watches = byService.remove(service);
        if (watches != null) {
            watches.values().forEach(ProcessWatcher.Watch::cancel);
            watches.keySet().forEach(watchedProcess::remove);
        }
    }

    /** The processes watched for {@code service}: those its latest check found. */
    synchronized List<ProcessInfo> processesOf(String service) {
        return byService.getOrDefault(service, Map.of()).keySet().stream()
                .map(key -> watchedProcess.get(key)).filter(java.util.Objects::nonNull).toList();
    }

    synchronized int size() {
        return byService.values().stream().mapToInt(Map::size).sum();
    }

    private void exited(String service, Key key, ProcessInfo process) {
        synchronized (this) {
            Map<Key, ProcessWatcher.Watch> watches = byService.get(service);
            if (watches != null) {
                watches.remove(key);
            }
            watchedProcess.remove(key);
        }
        onExit.accept(service, process);
    }

    @Override
    public void close() {
        watcher.close();
    }
}
