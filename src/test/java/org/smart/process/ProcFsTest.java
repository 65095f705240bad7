package org.smart.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

    @RegisterExtension
    final TestProcesses processes = new TestProcesses();
    private final ProcFs procFs = new ProcFs();

    @TempDir
    Path temp;

    @Test
    void snapshotHasThisJvmWithItsParentAndSession() throws IOException {
        ProcessHandle self = ProcessHandle.current();

        ProcessInfo me = procFs.snapshot().get((int) self.pid()).orElseThrow();

        assertThat(me.ppid()).isEqualTo(self.parent().map(ProcessHandle::pid).orElseThrow().intValue());
        assertThat(me.state()).isIn('R', 'S');
        assertThat(me.comm()).isEqualTo("java");
        assertThat(me.argv().get(0)).isEqualTo(self.info().command().orElseThrow());
        assertThat(me.argv().subList(1, me.argv().size())).isEqualTo(List.of(self.info().arguments().orElseThrow()));
        assertThat(me.startTicks()).isPositive();
        assertThat(me.sid()).isEqualTo(Integer.parseInt(statField("self", 6)));
    }

    @Test
    void commandLineLongerThan4096BytesIsReadWhole() {
        String longArg = "x".repeat(9000);
        Process sh = processes.start("sh", "-c", "read line", "myname", longArg);

        ProcessInfo info = processes.awaitExec(sh, longArg);

        assertThat(info.argv()).containsExactly("sh", "-c", "read line", "myname", longArg);
        // What ProcFs exists for: the JDK gives up on such a command line.
        assertThat(sh.info().arguments().map(List::of).orElse(List.of())).doesNotContain(longArg);
    }

    @Test
    void kernelNameWithSpacesAndParenthesesIsReadWhole() throws IOException {
        Path oddSleep = temp.resolve("my (odd) sleep)");
        Files.copy(Path.of("/bin/sleep"), oddSleep);
        Files.setPosixFilePermissions(oddSleep, PosixFilePermissions.fromString("rwx------"));
        String token = TestProcesses.token();

        ProcessInfo info = processes.awaitExec(processes.start(oddSleep.toString(), "300", token), token);

        assertThat(info.comm()).isEqualTo("my (odd) sleep)");
        assertThat(info.argv0Name()).isEqualTo("my (odd) sleep)");
        assertThat(info.state()).isEqualTo('S');
    }

    @Test
    void isRunningUntilExitAndNeverForAnotherStartTime() throws InterruptedException {
        String token = TestProcesses.token();
        Process sleep = processes.start("sleep", "300", token);
        ProcessInfo info = processes.awaitExec(sleep, token);
        ProcessInfo samePidOtherStart = TestProcesses.earlierOwnerOfPid(info);

        assertThat(procFs.isRunning(info)).isTrue();
        assertThat(procFs.isRunning(samePidOtherStart)).isFalse();

        sleep.destroyForcibly().waitFor();
        assertThat(procFs.isRunning(info)).isFalse();
        assertThat(procFs.read(info.pid())).isEmpty();
    }

    @Test
    void fakeProcTreeSkipsVanishedAndTornEntries() throws IOException {
        writeProcess("123", "123 (fake d) S 1 123 123 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 777 0 0\n",
                "/usr/sbin/faked\0--serve\0\0");
        Files.createDirectories(temp.resolve("124"));
        Files.writeString(temp.resolve("124/stat"), "124 (gone) S 1 124 124 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 0 0\n");
        writeProcess("125", "125 (torn", "");
        Files.createDirectories(temp.resolve("self"));
        Files.writeString(temp.resolve("uptime"), "1.0 1.0\n");

        ProcessTable table = new ProcFs(temp).snapshot();

        assertThat(table.all()).containsExactly(new ProcessInfo(123, 1, 123, 123, 'S', "fake d",
                List.of("/usr/sbin/faked", "--serve", ""), 777));
    }

    @Test
    void cmdlineSplitKeepsEmptyArgumentsButNotTheTerminator() {
        assertThat(ProcFs.splitCmdline(new byte[0])).isEmpty();
        assertThat(ProcFs.splitCmdline("a\0".getBytes())).containsExactly("a");
        assertThat(ProcFs.splitCmdline("a\0\0b\0".getBytes())).containsExactly("a", "", "b");
        // A process that rewrote its title may leave no terminator at all.
        assertThat(ProcFs.splitCmdline("nginx: master process".getBytes())).containsExactly("nginx: master process");
    }

    private void writeProcess(String pid, String stat, String cmdline) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(pid));
        Files.writeString(dir.resolve("stat"), stat);
        Files.writeString(dir.resolve("cmdline"), cmdline);
    }

    private static String statField(String pid, int field) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field - 3];
    }
}
