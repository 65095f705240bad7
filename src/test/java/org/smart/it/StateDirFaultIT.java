package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, case 12: a daemon whose state directory is read-only or full monitors and repairs anyway,
 * says loudly that its state and spool are not kept, and keeps trying. The directory is made read-only
 * (or a full tmpfs) in a mount namespace of the daemon's own, so nothing outside the test sees it.
 */
class StateDirFaultIT {

    @TempDir
    Path tmp;

    private final FakeDaemons daemons = new FakeDaemons();
    private DaemonProcess daemon;
    private ConfigDir conf;
    private Path startScript;
    private Path stateDir;

    @BeforeEach
    void setUp() throws Exception {
        conf = new ConfigDir(tmp.resolve("conf")).setHost("INTERVAL", "1").setHost("RESTART_DELAY", "0");
        startScript = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
        stateDir = Files.createDirectories(conf.dir.resolve("state"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
        daemons.close();
    }

    @Test
    void onAReadOnlyStateDirectoryTheDaemonRepairsAKilledServiceAndSaysItKeepsNoState() throws Exception {
        // what a daemon that ran before left there, now on a read-only file system
        Files.writeString(stateDir.resolve("daemon.lock"), "");
        assertRepairsAnyway("""
                mount --bind "$STATE" "$STATE" && mount -o remount,bind,ro "$STATE" || exit 99
                exec "$@"
                """);
    }

    @Test
    void onAFullStateDirectoryTheDaemonRepairsAKilledServiceAndSaysItKeepsNoState() throws Exception {
        assertRepairsAnyway("""
                mount -t tmpfs -o size=64k,mode=0700 smart-full "$STATE" || exit 99
                dd if=/dev/zero of="$STATE/filler" bs=4k 2>/dev/null
                exec "$@"
                """);
    }

    private void assertRepairsAnyway(String mountScript) throws Exception {
        String token = daemons.newToken();
        Path pid = conf.dir.resolve("web.pid");
        conf.service("web;sleep;" + token + ";1;1;" + startScript + " " + pid + " " + token + ";" + pid + ";;0;").write();
        daemons.startDirectly(startScript, pid, token);

        daemon = DaemonProcess.start(conf, tmp.resolve("daemon.log"), List.of("unshare", "--mount", "env",
                "STATE=" + stateDir, "sh", "-c", mountScript, "in-namespace"));
        daemon.awaitLog("started:", Duration.ofSeconds(30));

        long old = Long.parseLong(Files.readString(pid).strip());
        ProcessHandle.of(old).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .failFast("the daemon exited", () -> !daemon.isAlive())
                .until(() -> FakeDaemons.running(token).anyMatch(p -> p.pid() != old));
        daemon.awaitLog("web: restart succeeded", Duration.ofSeconds(20));
        assertThat(daemon.log()).contains("state and notification spool are NOT kept");
        assertThat(daemon.isAlive()).isTrue();

        SmartCli.Result status = SmartCli.exec(List.of("unshare", "--mount", "env", "STATE=" + stateDir, "sh", "-c",
                mountScript, "in-namespace", SmartCli.LAUNCHER.toString(), "status", "--conf", conf.path()), Map.of());
        assertThat(status.err()).as(status.toString()).contains("smart: warning: the state directory " + stateDir)
                .contains("a daemon on it monitors and repairs, but keeps no state and no notification spool");
    }
}
