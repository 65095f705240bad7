package org.smart.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PidFilesTest {

    @RegisterExtension
    final TestProcesses processes = new TestProcesses();
    private final ProcFs procFs = new ProcFs();

    @TempDir
    Path temp;

    private PidFileCheck check(String content, String processName) throws IOException {
        return check(content, processName, "");
    }

    private PidFileCheck check(String content, String processName, String processParam) throws IOException {
        Path pidFile = Files.writeString(temp.resolve("service.pid"), content);
        return PidFiles.check(pidFile, processName, processParam, procFs.snapshot());
    }

    @Test
    void notDefinedWithoutAPath() {
        assertThat(PidFiles.check(null, "sshd", "", procFs.snapshot()))
                .isEqualTo(new PidFileCheck(PidFileState.NOT_DEFINED, 0, "no pid file defined"));
    }

    @Test
    void missingWhenTheFileDoesNotExist() {
        Path pidFile = temp.resolve("absent.pid");

        assertThat(PidFiles.check(pidFile, "sshd", "", procFs.snapshot()))
                .isEqualTo(new PidFileCheck(PidFileState.MISSING, 0, "pid file " + pidFile + " does not exist"));
    }

    @Test
    void invalidUnlessAPositiveNumberNeverQuotingWhatItHolds() throws IOException {
        PidFileCheck words = check("running\n", "sshd");
        assertThat(words.state()).isEqualTo(PidFileState.INVALID);
        assertThat(words.detail()).isEqualTo("pid file " + temp.resolve("service.pid") + " holds no process id");

        assertThat(check("", "sshd").detail()).endsWith(" is empty");
        assertThat(check("0", "sshd").state()).isEqualTo(PidFileState.INVALID);
        assertThat(check("-42", "sshd").state()).isEqualTo(PidFileState.INVALID);
        assertThat(check("12 34", "sshd").state()).isEqualTo(PidFileState.INVALID);
        assertThat(check("99999999999", "sshd").state()).isEqualTo(PidFileState.INVALID);
        assertThat(check("1\n2\n", "sshd").detail()).endsWith("holds no process id");
        assertThat(check("x".repeat(500), "sshd").detail()).endsWith("holds no process id");
    }

    /** Issue 10, case 6: a link to a root-only file showed its first 40 characters in every report. */
    @Test
    void aSymbolicLinkIsNeitherFollowedNorQuoted() throws IOException {
        Path secret = Files.writeString(temp.resolve("shadow"), "root:$6$secrethash:19000:0:99999:7:::\n");
        Path link = Files.createSymbolicLink(temp.resolve("service.pid"), secret);

        PidFileCheck result = PidFiles.check(link, "sshd", "", procFs.snapshot());

        assertThat(result).isEqualTo(new PidFileCheck(PidFileState.INVALID, 0,
                "pid file " + link + " is a symbolic link, not a regular file"));
    }

    /** Issue 10, case 5: reading a FIFO hung the run for good. */
    @Test
    void aFifoIsInvalidAndNotOpened() throws Exception {
        Path fifo = temp.resolve("service.pid");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        PidFileCheck result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> PidFiles.check(fifo, "sshd", "", procFs.snapshot()));

        assertThat(result).isEqualTo(new PidFileCheck(PidFileState.INVALID, 0,
                "pid file " + fifo + " is a FIFO, not a regular file"));
    }

    @Test
    void invalidWhenItCannotBeRead() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("dir.pid"));

        PidFileCheck result = PidFiles.check(directory, "sshd", "", procFs.snapshot());

        assertThat(result.state()).isEqualTo(PidFileState.INVALID);
        assertThat(result.detail()).isEqualTo("pid file " + directory + " is a directory, not a regular file");
    }

    @Test
    void correctWhenItNamesALiveProcessOfThatNameWhitespaceAllowed() throws IOException {
        ProcessInfo sleep = processes.startSleep();

        PidFileCheck result = check("  " + sleep.pid() + "\n", "sleep");

        assertThat(result).isEqualTo(new PidFileCheck(PidFileState.CORRECT, sleep.pid(), "pid " + sleep.pid() + " is 'sleep'"));
        assertThat(result.isCorrect()).isTrue();
    }

    @Test
    void staleWhenTheProcessHasExited() throws Exception {
        Process sleep = processes.start("sleep", "300", TestProcesses.token());
        int pid = (int) sleep.pid();
        sleep.destroyForcibly().waitFor();
        ProcessTable table = procFs.snapshot();
        assumeThat(table.get(pid)).as("pid %d was given to another process already", pid).isEmpty();
        Path pidFile = Files.writeString(temp.resolve("sleep.pid"), pid + "\n");

        assertThat(PidFiles.check(pidFile, "sleep", "", table)).isEqualTo(new PidFileCheck(PidFileState.STALE, pid,
                "pid file " + pidFile + " names pid " + pid + ", which is not running"));
    }

    @Test
    void staleWhenTheProcessIsAZombie() throws IOException {
        ProcessInfo zombie = processes.startZombie();

        assertThat(check(zombie.pid() + "", "sleep").state()).isEqualTo(PidFileState.STALE);
    }

    @Test
    void foreignWhenThePidWasReusedByAnotherProgram() throws IOException {
        int testJvm = (int) ProcessHandle.current().pid();

        assertThat(check(testJvm + "\n", "sshd"))
                .isEqualTo(new PidFileCheck(PidFileState.FOREIGN, testJvm, "pid " + testJvm + " is 'java', not 'sshd'"));
    }

    @Test
    void foreignWhenItNamesAnotherInstanceOfTheProgramWithOtherArguments() throws IOException {
        String token = TestProcesses.token();
        ProcessInfo sibling = processes.awaitExec(processes.start("sleep", "300", token), token);

        assertThat(check(sibling.pid() + "", "sleep", "300 " + token).state()).isEqualTo(PidFileState.CORRECT);
        assertThat(check(sibling.pid() + "", "sleep", "301 " + token)).isEqualTo(new PidFileCheck(
                PidFileState.FOREIGN, sibling.pid(), "pid " + sibling.pid() + " is 'sleep' without '301 " + token
                + "' in its arguments"));
    }

    @Test
    void sameNameRuleAsMatchingUsesKernelNameToo() throws IOException {
        String token = TestProcesses.token();
        ProcessInfo renamed = processes.awaitExec(
                processes.start("bash", "-c", "exec -a smartdaemon sleep 300 " + token), token);

        assertThat(check(renamed.pid() + "", "smartdaemon").state()).isEqualTo(PidFileState.CORRECT);
        assertThat(check(renamed.pid() + "", "sleep").state()).isEqualTo(PidFileState.CORRECT);
        assertThat(check(renamed.pid() + "", "bash").detail())
                .isEqualTo("pid " + renamed.pid() + " is 'smartdaemon', not 'bash'");
    }
}
