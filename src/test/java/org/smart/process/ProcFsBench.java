package org.smart.process;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Not a test: prints what a snapshot and the exit watcher cost on this machine. Run after
 * {@code mvn test-compile} with
 * {@code java -cp target/classes:target/test-classes:$(slf4j jars) org.smart.process.ProcFsBench [watches]}.
 */
public final class ProcFsBench {

    private ProcFsBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        int watches = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ProcFs procFs = new ProcFs();
        for (int i = 0; i < 200; i++) {
            procFs.snapshot();
        }
        int rounds = 200;
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            procFs.snapshot();
        }
        System.out.printf("snapshot of %d processes: %.2f ms wall, %.2f ms cpu%n", procFs.snapshot().all().size(),
                (System.nanoTime() - wall) / 1e6 / rounds, (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / rounds);

        List<ProcessInfo> live = procFs.snapshot().all().stream().filter(p -> !p.argv().isEmpty()).toList();
        try (ProcessWatcher watcher = new ProcessWatcher()) {
            for (int i = 0; i < watches; i++) {
                watcher.watch(live.get(i % live.size()), () -> { });
            }
            Thread poller = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("smart-process-watcher")).findFirst().orElseThrow();
            Thread.sleep(1000);
            long pollerCpu = threads.getThreadCpuTime(poller.getId());
            wall = System.nanoTime();
            Thread.sleep(10_000);
            double share = (double) (threads.getThreadCpuTime(poller.getId()) - pollerCpu) / (System.nanoTime() - wall);
            System.out.printf("watcher with %d watches over %d processes: %.1f %% of one core%n",
                    watcher.size(), live.size(), 100 * share);
        }
    }
}
