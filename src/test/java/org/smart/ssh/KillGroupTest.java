package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The clean-up after a remote backstop, run here by sh as sshd would run it: the test JVM stands in for the SSH
 * session process, whose children the channels' shells are.
 */
class KillGroupTest {

    @Test
    void killsTheLeftGroupOfAChannelOfTheSameSession() throws Exception {
        Process channel = new ProcessBuilder("sleep", "300").start();

        runKillGroup(channel.pid());

        await().atMost(Duration.ofSeconds(10)).until(() -> !channel.isAlive());
    }

    @Test
    void leavesAlonePidThatNowBelongsToAProcessOutsideTheSession() throws Exception {
        Process starter = new ProcessBuilder("sh", "-c", "sleep 300 </dev/null >/dev/null 2>&1 & echo $!").start();
        long stranger = Long.parseLong(new String(starter.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip());
        starter.waitFor(10, TimeUnit.SECONDS);
        try {
            runKillGroup(stranger);

            Process control = new ProcessBuilder("sleep", "300").start();
            runKillGroup(control.pid());
            await().atMost(Duration.ofSeconds(10)).until(() -> !control.isAlive());
            assertThat(state(stranger)).as("the stranger, signalled before the control died").isNotIn('Z', 'X', '?');
        } finally {
            ProcessHandle.of(stranger).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static void runKillGroup(long pid) throws Exception {
        Process kill = new ProcessBuilder("sh", "-c", RemoteInvocation.killGroup(pid)).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(") ") + 2);
        } catch (java.io.IOException gone) {
            return '?';
        }
    }
}
