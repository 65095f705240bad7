package org.smart.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.process.ProcessInfo;
import org.smart.process.ProcessStopper;
import org.smart.process.StopReport;
import org.smart.ssh.RemoteCommand;
import org.smart.ssh.RemoteResult;

/**
 * Stops a remote service's leftover processes as {@link org.smart.process.ProcessKiller} does locally, in one
 * remote command: TERM, the grace period, KILL for the survivors. Each process is given as {@code PID:STARTTIME}
 * and signalled only while {@code /proc/PID/stat} still shows that start time, so a pid reused by another
 * program meanwhile is never hit. The script answers one line per process: {@code T} (ended after TERM),
 * {@code K} (after KILL), {@code S} (survived KILL) or {@code G} (gone before any signal), and the pid.
 */
final class RemoteProcessStopper implements ProcessStopper {

    private static final Logger log = LoggerFactory.getLogger(RemoteProcessStopper.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofSeconds(5);
    private static final String STOP = """
            g=$1; shift
            ok() {
              s=${1#*:} l=
              read -r l < "/proc/${1%%:*}/stat" 2>/dev/null
              [ -n "$l" ] || return 1
              l=${l##*) }
              set -f; set -- $l; set +f
              [ "$1" != Z ] && [ "$1" != X ] && [ "${20}" = "$s" ]
            }
            wait_gone() {
              n=$1; shift; left=$*
              while [ -n "$left" ] && [ "$n" -gt 0 ]; do
                sleep 0.1; n=$((n - 1)); rest=
                for x in $left; do ok "$x" && rest="$rest $x"; done
                left=$rest
              done
            }
            term=
            for x do
              if ok "$x" && kill -s TERM "${x%%:*}" 2>/dev/null; then term="$term $x"; else echo "G ${x%%:*}"; fi
            done
            wait_gone "$g" $term
            killed=
            for x in $term; do
              if ok "$x" && kill -s KILL "${x%%:*}" 2>/dev/null; then killed="$killed $x"; else echo "T ${x%%:*}"; fi
            done
            wait_gone %d $killed
            for x in $killed; do if ok "$x"; then echo "S ${x%%:*}"; else echo "K ${x%%:*}"; fi; done
            exit 0
            """.formatted(tenths(KILL_WAIT));

    private final HostLink link;

    RemoteProcessStopper(HostLink link) {
        this.link = link;
    }

    @Override
    public StopReport stop(Collection<ProcessInfo> processes, Duration grace) {
        Map<Integer, ProcessInfo> byPid = new HashMap<>();
        List<ProcessInfo> refused = new ArrayList<>();
        List<String> argv = new ArrayList<>(List.of("sh", "-c", STOP, "smart-stop", String.valueOf(tenths(grace))));
        for (ProcessInfo p : new LinkedHashSet<>(processes)) {
            if (p.pid() <= 1) {
                log.warn("host {}: refusing to signal pid {}: it is init", link.name(), p.pid());
                refused.add(p);
            } else {
                byPid.put(p.pid(), p);
                argv.add(p.pid() + ":" + p.startTicks());
            }
        }
        if (byPid.isEmpty()) {
            return new StopReport(List.of(), List.of(), List.of(), List.of(), refused);
        }
        RemoteResult result = link.run(new RemoteCommand(argv), grace.plus(KILL_WAIT).plus(MARGIN));
        return report(result, byPid, refused);
    }

    private StopReport report(RemoteResult result, Map<Integer, ProcessInfo> byPid, List<ProcessInfo> refused) {
        Map<Character, List<ProcessInfo>> outcome = new HashMap<>();
        for (String line : result.stdout().lines().toList()) {
            String[] parts = line.split(" ");
            ProcessInfo p = parts.length == 2 && parts[1].matches("\\d+") ? byPid.remove(Integer.parseInt(parts[1])) : null;
            if (p != null && parts[0].length() == 1) {
                outcome.computeIfAbsent(parts[0].charAt(0), c -> new ArrayList<>()).add(p);
                log.info("host {}: pid {} ({}): {}", link.name(), p.pid(), p.comm(), describe(parts[0].charAt(0)));
            }
        }
        List<ProcessInfo> survivors = new ArrayList<>(outcome.getOrDefault('S', List.of()));
        if (!byPid.isEmpty()) {
            // no answer for them (the command timed out or failed): they may still run
            log.warn("host {}: no word on pids {} from the stop command: {}", link.name(), byPid.keySet(),
                    result.reason() != null ? result.reason() : "exit status " + result.exitCode());
            survivors.addAll(byPid.values());
        }
        return new StopReport(outcome.getOrDefault('T', List.of()), outcome.getOrDefault('K', List.of()), survivors,
                outcome.getOrDefault('G', List.of()), refused);
    }

    private static String describe(char outcome) {
        return switch (outcome) {
            case 'T' -> "ended after SIGTERM";
            case 'K' -> "ended after SIGKILL";
            case 'S' -> "survived SIGKILL";
            default -> "had already gone";
        };
    }

    private static long tenths(Duration d) {
        return Math.max(1, d.toMillis() / 100);
    }
}
