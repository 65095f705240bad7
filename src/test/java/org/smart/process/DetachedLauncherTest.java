package org.smart.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DetachedLauncherTest {

    private static final Map<String, String> PATH_ONLY = Map.of("PATH", "/usr/bin:/bin");

    @RegisterExtension
    final TestProcesses processes = new TestProcesses();
    private final ProcFs procFs = new ProcFs();
    private final DetachedLauncher launcher = new DetachedLauncher();

    @TempDir
    Path temp;

    private Process launch(DetachedCommand command) throws IOException {
        Process process = launcher.launch(command);
        processes.adopt(process.pid());
        return process;
    }

    @Test
    void startsInItsOwnSessionWithOnlyStdinStdoutStderr() throws IOException {
        Path log = temp.resolve("service.log");
        String token = TestProcesses.token();
        ProcessInfo sleep;
        // A descriptor the JVM holds open while launching must not leak into the service.
        try (RandomAccessFile held = new RandomAccessFile(temp.resolve("held").toFile(), "rw")) {
            Process process = launch(new DetachedCommand(List.of("sleep", "300", token), PATH_ONLY, temp, log));
            sleep = processes.awaitExec(process, token);
        }

        assertThat(sleep.argv()).containsExactly("sleep", "300", token);
        assertThat(sleep.sid()).isEqualTo(sleep.pid()).isNotEqualTo(ownSession());
        assertThat(sleep.pgid()).isEqualTo(sleep.pid());
        Path fds = Path.of("/proc", Integer.toString(sleep.pid()), "fd");
        try (Stream<Path> open = Files.list(fds)) {
            assertThat(open.map(fd -> fd.getFileName().toString())).containsExactlyInAnyOrder("0", "1", "2");
        }
        assertThat(Files.readSymbolicLink(fds.resolve("0"))).isEqualTo(Path.of("/dev/null"));
        assertThat(Files.readSymbolicLink(fds.resolve("1"))).isEqualTo(log);
        assertThat(Files.readSymbolicLink(fds.resolve("2"))).isEqualTo(log);
    }

    @Test
    void childGetsExactlyTheGivenEnvironmentAndAppendsToTheLog() throws Exception {
        Path log = Files.writeString(temp.resolve("env.log"), "earlier run\n");
        Map<String, String> environment = Map.of("SMART_SERVICE", "imap", "LANG", "C", "SPACED", "a b");

        Process env = launch(new DetachedCommand(List.of("/usr/bin/env"), environment, temp, log));

        assertThat(env.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(env.exitValue()).isZero();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.get(0)).isEqualTo("earlier run");
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder("SMART_SERVICE=imap", "LANG=C", "SPACED=a b");
    }

    @Test
    void runsInTheGivenDirectoryAndDiscardsOutputWithoutALog() throws Exception {
        Path out = temp.resolve("pwd.out");
        Process pwd = launch(new DetachedCommand(List.of("sh", "-c", "pwd > pwd.out; echo lost"), PATH_ONLY,
                temp, null));

        assertThat(pwd.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(out).strip()).isEqualTo(temp.toRealPath().toString());
        assertThat(pwd.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void commandNotOnThePathFailsWithTheReasonInTheLog() throws Exception {
        Path log = temp.resolve("fail.log");

        Process missing = launch(new DetachedCommand(List.of("smart-no-such-daemon"), PATH_ONLY, temp, log));

        assertThat(missing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(missing.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("smart-no-such-daemon");
    }

    @Test
    void commandPathThatIsNotExecutableIsRefusedNamingIt() throws IOException {
        Path notExecutable = Files.writeString(temp.resolve("start.sh"), "#!/bin/sh\n");

        assertThatThrownBy(() -> launcher.launch(new DetachedCommand(List.of("./start.sh"), PATH_ONLY, temp, null)))
                .isInstanceOf(IOException.class)
                .hasMessage("start command './start.sh' is not an executable file");
    }

    @Test
    void detachedProcessOutlivesTheJvmThatLaunchedItInAnotherSession() throws Exception {
        String token = TestProcesses.token();
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stderr = temp.resolve("launcher.err");
        Process launcherJvm = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                DetachedLaunchMain.class.getName(), token).redirectError(stderr.toFile()).start();
        // Reaching end of output proves the sleep holds no copy of the launcher's stdout pipe.
        String output = CompletableFuture.supplyAsync(() -> readAll(launcherJvm))
                .get(60, TimeUnit.SECONDS);
        assertThat(launcherJvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcherJvm.exitValue()).as(() -> readString(stderr)).isZero();
        int pid = Integer.parseInt(output.strip());
        processes.adopt(pid);

        ProcessInfo sleep = processes.awaitInfo(pid, p -> p.argv().contains(token));

        assertThat(launcherJvm.isAlive()).isFalse();
        assertThat(procFs.isRunning(sleep)).isTrue();
        assertThat(sleep.ppid()).isNotEqualTo((int) launcherJvm.pid());
        assertThat(sleep.sid()).isEqualTo(pid).isNotEqualTo(ownSession());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(10)).until(() -> !procFs.isRunning(sleep));
    }

    @Test
    void findsSetsidOnThePathFirstThenInTheUsualPlaces() throws IOException {
        Path bin = Files.createDirectory(temp.resolve("bin"));
        Path fake = Files.writeString(bin.resolve("setsid"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

        assertThat(DetachedLauncher.findSetsid("relative/dir::" + bin)).contains(fake);
        assertThat(DetachedLauncher.findSetsid(null)).contains(Path.of("/usr/bin/setsid"));
        assertThat(DetachedLauncher.findSetsid(temp.toString())).contains(Path.of("/usr/bin/setsid"));
    }

    private static int ownSession() {
        return new ProcFs().read((int) ProcessHandle.current().pid()).orElseThrow().sid();
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
