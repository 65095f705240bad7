package org.smart.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.smart.notify.Fixtures.T0;
import static org.smart.notify.Fixtures.problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandChannelTest {

    @TempDir
    Path dir;

    private final Map<String, String> smartEnv = Map.of(
            "PATH", "/usr/bin:/bin",
            "HOME", "/root",
            "LC_ALL", "C.UTF-8",
            "SMART_SMTP_PASSWORD", "hunter2",
            "AWS_SECRET_ACCESS_KEY", "also-secret");

    @AfterEach
    void killLeftovers() throws IOException {
        Path pidFile = dir.resolve("pid");
        if (Files.exists(pidFile)) {
            pidOf(pidFile).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void passesTheNotificationInTheEnvironmentAndNoSecrets() throws Exception {
        Path script = script("env -0 > \"$1\"\n");
        Path out = dir.resolve("env.out");
        Notification n = problem(T0);

        new CommandChannel(List.of(script.toString(), out.toString()), smartEnv, Duration.ofSeconds(10)).deliver(n);

        Map<String, String> env = Arrays.stream(Files.readString(out).split("\0"))
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        assertThat(env)
                .containsEntry("SMART_ID", n.id())
                .containsEntry("SMART_KIND", "PROBLEM")
                .containsEntry("SMART_HOST", "web1")
                .containsEntry("SMART_SERVICE", "apache")
                .containsEntry("SMART_SUBJECT", "web1: apache is DOWN")
                .containsEntry("SMART_BODY", n.body())
                .containsEntry("SMART_STATUS", "4")
                .containsEntry("SMART_STATE", "DOWN")
                .containsEntry("SMART_FINAL_STATE", "OK")
                .containsEntry("PATH", "/usr/bin:/bin")
                .containsEntry("HOME", "/root")
                .containsEntry("LC_ALL", "C.UTF-8")
                .doesNotContainKeys("SMART_SMTP_PASSWORD", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void nonZeroExitIsAFailureWithTheOutput() throws Exception {
        Path script = script("echo 'no route to pager' >&2\nexit 3\n");
        CommandChannel command = new CommandChannel(List.of(script.toString()), smartEnv, Duration.ofSeconds(10));

        assertThatThrownBy(() -> command.deliver(problem(T0)))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("'" + script + "' exited with 3: no route to pager");
    }

    @Test
    void aHangingCommandIsKilledWithItsChildrenAtTheTimeout() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path script = script("sleep 60 &\necho $! > \"$1\"\nwait\n");
        CommandChannel command = new CommandChannel(List.of(script.toString(), pidFile.toString()), smartEnv,
                Duration.ofSeconds(1));

        assertThatThrownBy(() -> command.deliver(problem(T0)))
                .hasMessage("'" + script + "' did not finish within 1 s and was killed");
        Optional<ProcessHandle> sleeper = pidOf(pidFile);
        await().atMost(Duration.ofSeconds(5)).until(() -> sleeper.map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aMissingProgramIsAFailure() {
        CommandChannel command = new CommandChannel(List.of(dir.resolve("nope").toString()), smartEnv, Duration.ofSeconds(1));

        assertThatThrownBy(() -> command.deliver(problem(T0))).hasMessageStartingWith("cannot start '" + dir.resolve("nope"));
    }

    private Path script(String body) throws IOException {
        Path script = dir.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static Optional<ProcessHandle> pidOf(Path pidFile) throws IOException {
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
    }
}
