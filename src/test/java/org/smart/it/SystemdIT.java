package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon under systemd's notify protocol, without systemd: a Python listener on an AF_UNIX datagram socket
 * stands in for the service manager (Java 17 cannot listen on one), and the daemon gets NOTIFY_SOCKET and
 * WATCHDOG_USEC as systemd would set them. Also: the shipped unit stays hardened.
 */
class SystemdIT {

    /** Receives sd_notify datagrams, closes the barrier descriptors systemd-notify sends, logs one message a block. */
    private static final String LISTENER = String.join("\n",
            "import array, os, socket, sys",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "s.bind(sys.argv[1])",
            "with open(sys.argv[2], 'a') as log:",
            "    while True:",
            "        data, ancillary, _, _ = s.recvmsg(4096, socket.CMSG_SPACE(16 * 4))",
            "        for level, kind, payload in ancillary:",
            "            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:",
            "                fds = array.array('i')",
            "                fds.frombytes(payload[:len(payload) - len(payload) % fds.itemsize])",
            "                for fd in fds:",
            "                    os.close(fd)",
            "        log.write(data.decode() + '\\n--\\n')",
            "        log.flush()",
            "");

    @TempDir
    Path tmp;

    private Process listener;
    private DaemonProcess daemon;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
        if (listener != null) {
            listener.destroy();
            listener.waitFor();
        }
    }

    @Test
    void tellsTheServiceManagerItIsReadyFeedsTheWatchdogAndSaysWhenItStops() throws Exception {
        Path socket = tmp.resolve("notify.sock");
        Path messages = tmp.resolve("messages");
        Path childEnvironment = tmp.resolve("child.env");
        listen(socket, messages);
        ConfigDir conf = new ConfigDir(tmp.resolve("conf"));
        conf.script("scripts/env-check", "#!/bin/sh\nenv > " + childEnvironment + "\n");
        conf.service("shell;sh;;0;0;;;;0;env-check").write();
        // as systemd starts it: WATCHDOG_PID is the daemon's own pid (sh execs env, env execs the launcher, it execs java)
        daemon = DaemonProcess.start(conf, tmp.resolve("daemon.log"), List.of("sh", "-c",
                "export WATCHDOG_PID=$$; exec env NOTIFY_SOCKET=\"$0\" WATCHDOG_USEC=2000000 \"$@\"", socket.toString()));

        await().atMost(Duration.ofSeconds(60)).failFast("daemon exited", () -> !daemon.isAlive())
                .until(() -> messages(messages).stream().filter("WATCHDOG=1"::equals).count() >= 3);
        List<String> received = messages(messages);
        assertThat(received.get(0)).isEqualTo("READY=1\nSTATUS=monitoring 1 service(s)");
        assertThat(received.indexOf("READY=1\nSTATUS=monitoring 1 service(s)"))
                .as("ready before the first watchdog ping").isLessThan(received.indexOf("WATCHDOG=1"));
        assertThat(daemon.log()).contains("feeding the systemd watchdog every 1000 ms");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(childEnvironment));
        assertThat(Files.readString(childEnvironment)).as("a check never gets to speak for SMART's unit")
                .doesNotContain("NOTIFY_SOCKET").doesNotContain("WATCHDOG_");

        daemon.signal("HUP");
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(messages).stream().filter(m -> m.startsWith("READY=1"))
                .count() == 2);
        assertThat(messages(messages)).anyMatch(m -> m.matches("RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=reloading the "
                + "configuration"));

        daemon.signal("TERM");
        await().atMost(Duration.ofSeconds(30)).until(() -> !daemon.isAlive());
        assertThat(messages(messages)).anyMatch(m -> m.startsWith("STOPPING=1\n"));
    }

    @Test
    void aWatchdogMeantForAnotherProcessIsNotFed() throws Exception {
        Path socket = tmp.resolve("notify.sock");
        Path messages = tmp.resolve("messages");
        listen(socket, messages);
        ConfigDir conf = new ConfigDir(tmp.resolve("conf"));
        conf.service("shell;sh;;0;0;;;;0;").write();
        daemon = DaemonProcess.start(conf, tmp.resolve("daemon.log"), List.of("env", "NOTIFY_SOCKET=" + socket,
                "WATCHDOG_USEC=200000", "WATCHDOG_PID=1"));

        await().atMost(Duration.ofSeconds(60)).failFast("daemon exited", () -> !daemon.isAlive())
                .until(() -> messages(messages).stream().anyMatch(m -> m.startsWith("READY=1")));
        // at a 100 ms period, two seconds would have brought about twenty pings
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(messages(messages)).doesNotContain("WATCHDOG=1");
    }

    @Test
    void theShippedUnitIsRatedAtMostFourBySystemdAnalyze() throws IOException {
        Path unit = SmartCli.HOME.resolve("dist/smart.service");
        SmartCli.Result result = SmartCli.exec(List.of("systemd-analyze", "security", "--offline=true",
                "--threshold=40", unit.toString()), Map.of());
        Matcher exposure = Pattern.compile("Overall exposure level for smart.service: (\\d+\\.\\d)").matcher(result.out());
        assertThat(exposure.find()).as(result.toString()).isTrue();
        assertThat(Double.parseDouble(exposure.group(1))).isLessThanOrEqualTo(4.0);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String text = Files.readString(unit);
        assertThat(text).contains("Type=notify", "NotifyAccess=all", "WatchdogSec=", "ExecReload=/bin/kill -HUP $MAINPID",
                "CAP_KILL", "ProtectSystem=full", "ProtectHome=read-only", "PrivateTmp=yes", "NoNewPrivileges=yes",
                "SystemCallArchitectures=native");
    }

    @Test
    void systemdAcceptsEveryLineOfTheUnit() throws IOException {
        // verify needs ExecStart to exist: point it at this tree's launcher; a line systemd ignores is a warning
        Path unit = tmp.resolve("smart.service");
        Files.writeString(unit, Files.readString(SmartCli.HOME.resolve("dist/smart.service"))
                .replaceAll("(?m)^ExecStart=\\S+", "ExecStart=" + SmartCli.LAUNCHER));

        SmartCli.Result result = SmartCli.exec(List.of("systemd-analyze", "verify", unit.toString()), Map.of());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out() + result.err()).as("warnings").isEmpty();
    }

    private void listen(Path socket, Path messages) throws IOException {
        Path script = tmp.resolve("listen.py");
        Files.writeString(script, LISTENER);
        listener = new ProcessBuilder("python3", script.toString(), socket.toString(), messages.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("listener.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).failFast("listener exited", () -> !listener.isAlive())
                .until(() -> Files.exists(socket));
    }

    /** The messages received so far, without systemd-notify's barriers. */
    private static List<String> messages(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Arrays.stream(Files.readString(file, StandardCharsets.UTF_8).split("\n--\n"))
                .filter(message -> !message.isBlank() && !message.equals("BARRIER=1")).toList();
    }
}
