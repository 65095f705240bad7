package org.smart.systemd;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends sd_notify messages by running {@code systemd-notify ASSIGNMENT...}, with only {@code NOTIFY_SOCKET} in its
 * environment. systemd-notify waits until systemd has taken the message (its barrier), so systemd can still tell
 * which unit the short-lived sender belonged to; the unit therefore needs {@code NotifyAccess=all}.
 */
public final class SystemdNotify implements ServiceManager {

    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);
    /** systemd-notify's own barrier gives up after 5 s; past that something is badly wrong. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final List<Path> PROGRAM_PLACES = List.of(Path.of("/usr/bin/systemd-notify"),
            Path.of("/bin/systemd-notify"));

    private final String socket;
    private final Path program;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    SystemdNotify(String socket, Path program) {
        this.socket = socket;
        this.program = program;
    }

    /**
     * The service manager named by {@code NOTIFY_SOCKET} in {@code environment}, or {@link ServiceManager#NONE} when
     * there is none (or no systemd-notify to reach it with, which is logged).
     */
    public static ServiceManager fromEnvironment(Map<String, String> environment) {
        String socket = environment.getOrDefault("NOTIFY_SOCKET", "");
        if (socket.isEmpty()) {
            return NONE;
        }
        for (Path program : PROGRAM_PLACES) {
            if (Files.isExecutable(program)) {
                return new SystemdNotify(socket, program);
            }
        }
        LOG.error("NOTIFY_SOCKET is set but systemd-notify is not in {}: systemd will not hear that SMART is ready "
                + "(install systemd, or use Type=simple)", PROGRAM_PLACES);
        return NONE;
    }

    @Override
    public void send(String... assignments) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        for (String assignment : assignments) {
            command.add(SingleLine.of(assignment));
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().put("NOTIFY_SOCKET", socket);
            Process process = builder.start();
            if (!process.waitFor(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                failed(assignments, "systemd-notify did not finish within " + SEND_TIMEOUT.toSeconds() + " s");
            } else if (process.exitValue() != 0) {
                failed(assignments, "systemd-notify exited with " + process.exitValue());
            } else {
                failureLogged.set(false);
            }
        } catch (IOException e) {
            failed(assignments, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logged once until a send works again: a watchdog ping that fails every 30 s must not flood the journal. */
    private void failed(String[] assignments, String reason) {
        if (failureLogged.compareAndSet(false, true)) {
            LOG.error("cannot notify systemd ({}) on {}: {}", String.join(" ", assignments), socket, reason);
        }
    }
}
