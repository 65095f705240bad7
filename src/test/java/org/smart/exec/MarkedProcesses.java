package org.smart.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Finds, through {@code /proc}, every process a test started, by an environment variable unique to
 * the test that all its processes inherit; and kills them so no test leaves anything behind.
 */
final class MarkedProcesses {

    private final String marker = "SMART_TEST_MARK=" + UUID.randomUUID();

    /** {@code base} plus the marker variable. */
    Map<String, String> environment(Map<String, String> base) {
        Map<String, String> env = new TreeMap<>(base);
        int eq = marker.indexOf('=');
        env.put(marker.substring(0, eq), marker.substring(eq + 1));
        return env;
    }

    Map<String, String> environment() {
        return environment(Map.of("PATH", ChildEnvironment.DEFAULT_PATH));
    }

    /** Pids of the marked processes that still live (zombies are dead). */
    List<Long> alive() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (carriesMarker(entry) && ProcStat.of(pid).filter(p -> !p.dead()).isPresent()) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    /** Kills until none is left: a process killed while forking may leave a fresh child behind. */
    void killAll() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<Long> alive = alive();
            alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            return alive.isEmpty();
        });
    }

    private boolean carriesMarker(Path procEntry) {
        try {
            String environ = new String(Files.readAllBytes(procEntry.resolve("environ")), StandardCharsets.ISO_8859_1);
            return List.of(environ.split("\0")).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }
}
