package org.smart.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Matching and descendants on real processes read through ProcFs. */
class ProcessMatchingTest {

    @RegisterExtension
    final TestProcesses processes = new TestProcesses();
    private final ProcFs procFs = new ProcFs();

    @TempDir
    Path temp;

    private static List<Integer> pids(List<ProcessInfo> found) {
        return found.stream().map(ProcessInfo::pid).toList();
    }

    @Test
    void paramTellsApartTwoSleeps() {
        String token = TestProcesses.token();
        ProcessInfo short_ = processes.awaitExec(processes.start("sleep", "301", token), token);
        ProcessInfo long_ = processes.awaitExec(processes.start("sleep", "302", token), token);

        ProcessTable table = procFs.snapshot();

        assertThat(pids(table.matching("sleep", token))).containsExactly(short_.pid(), long_.pid());
        assertThat(pids(table.matching("sleep", "302 " + token))).containsExactly(long_.pid());
        assertThat(table.matching("sleeper", token)).isEmpty();
    }

    @Test
    void processRenamedWithExecAMatchesByArgv0AndByKernelName() {
        String token = TestProcesses.token();
        ProcessInfo renamed = processes.awaitExec(
                processes.start("bash", "-c", "exec -a smartdaemon sleep 300 " + token), token);

        ProcessTable table = procFs.snapshot();

        assertThat(renamed.argv()).containsExactly("smartdaemon", "300", token);
        assertThat(pids(table.matching("smartdaemon", token))).containsExactly(renamed.pid());
        assertThat(pids(table.matching("sleep", token))).containsExactly(renamed.pid());
    }

    @Test
    void shebangScriptMatchesByItsOwnNameAndByTheInterpreter() throws IOException {
        Path script = temp.resolve("smart-test-backup-agent");
        Files.writeString(script, "#!/bin/sh\nread line\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        String token = TestProcesses.token();
        ProcessInfo running = processes.awaitExec(processes.start(script.toString(), "--tag", token), token);

        ProcessTable table = procFs.snapshot();

        assertThat(running.argv()).containsExactly("/bin/sh", script.toString(), "--tag", token);
        assertThat(running.comm()).isEqualTo("smart-test-back");
        assertThat(pids(table.matching("smart-test-backup-agent", token))).containsExactly(running.pid());
        assertThat(pids(table.matching("sh", token))).containsExactly(running.pid());
    }

    @Test
    void zombieNeverMatches() {
        ProcessInfo zombie = processes.startZombie();

        ProcessTable table = procFs.snapshot();

        assertThat(table.get(zombie.pid())).get().extracting(ProcessInfo::comm).isEqualTo("sleep");
        assertThat(pids(table.matching("sleep", ""))).doesNotContain(zombie.pid()).contains(zombie.ppid());
    }

    @Test
    void treeIsTheProcessWithItsChildrenAndGrandchildren() {
        String token = TestProcesses.token();
        Process root = processes.start("sh", "-c",
                "sleep 301 " + token + " & sh -c 'sleep 302 " + token + " & wait' & wait");
        List<ProcessInfo> tree = await().atMost(Duration.ofSeconds(10)).until(
                () -> treeOf(procFs.snapshot(), (int) root.pid()),
                found -> found.stream().filter(p -> p.comm().equals("sleep")).count() == 2);

        ProcessTable table = procFs.snapshot();
        ProcessInfo middle = tree.stream().skip(1).filter(p -> p.comm().equals("sh")).findFirst().orElseThrow();
        ProcessInfo grandchild = table.matching("sleep", "302 " + token).get(0);

        assertThat(tree).hasSize(4);
        assertThat(grandchild.ppid()).isEqualTo(middle.pid());
        assertThat(table.treeOf(middle, "sh", "")).containsExactly(middle, grandchild);
        assertThat(table.treeOf(grandchild, "sleep", "")).containsExactly(grandchild);
    }

    private static List<ProcessInfo> treeOf(ProcessTable table, int pid) {
        return table.get(pid).map(p -> table.treeOf(p, "sh", "")).orElse(List.of());
    }
}
