package org.smart.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * What {@code smart status} shows of a service's processes: its main process, how long it has run and the
 * resident memory of all of them. Read from {@code /proc} when asked; a process gone meanwhile counts nothing.
 *
 * @param pid      the oldest of the service's processes (its main one), or null when none runs
 * @param uptime   how long that process has run, or null
 * @param rssBytes the resident memory of all its processes, or null when none could be read
 */
public record ProcessUsage(Integer pid, Duration uptime, Long rssBytes) {

    public static final ProcessUsage NONE = new ProcessUsage(null, null, null);

    /** @param processes the service's processes as last seen; the one started first is taken as its main one */
    public static ProcessUsage of(List<ProcessInfo> processes, Instant now) {
        ProcessInfo main = processes.stream().min((a, b) -> Long.compare(a.startTicks(), b.startTicks())).orElse(null);
        if (main == null) {
            return NONE;
        }
        Duration uptime = ProcessHandle.of(main.pid()).flatMap(p -> p.info().startInstant())
                .map(start -> Duration.between(start, now)).filter(d -> !d.isNegative()).orElse(null);
        long total = 0;
        boolean any = false;
        for (ProcessInfo process : processes) {
            OptionalLong rss = rssOf(process.pid());
            if (rss.isPresent()) {
                total += rss.getAsLong();
                any = true;
            }
        }
        return new ProcessUsage(main.pid(), uptime, any ? total : null);
    }

    /** VmRSS from {@code /proc/PID/status}, in bytes (the kernel gives kB, whatever the page size). */
    static OptionalLong rssOf(int pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String[] words = line.substring(6).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(words[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty(); // gone, or a kernel thread without memory of its own
        }
        return OptionalLong.empty();
    }
}
