package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smart.process.ProcessInfo;
import org.smart.process.ProcessTable;

/** Reading a host's process table over SSH; the test sshd runs on this machine, so it is this machine's. */
class RemoteProcReaderTest {
    @RegisterExtension
    static OpenSshServer sshd = OpenSshServer.create(10);

    @TempDir
    Path tmp;

    private SshTransport transport;
    private Process sleeper;

    @BeforeEach
    void start() throws Exception {
        transport = SshTransport.start();
        sleeper = new ProcessBuilder("sh", "-c", "sleep 3003.5; :", "name with spaces)( and ) parens").start();
    }

    @AfterEach
    void stop() {
        sleeper.descendants().forEach(ProcessHandle::destroyForcibly);
        sleeper.destroyForcibly();
        transport.close();
    }

    @Test
    void findsAKnownProcessWithItsArgumentsAndIds() throws Exception {
        SshConnection host = transport.connection(sshd.spec("lo", sshd.writeKnownHosts(tmp.resolve("known_hosts"))).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> !sleeper.children().toList().isEmpty());

        ProcessTable table = new RemoteProcReader(host).read(Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
        List<ProcessInfo> processes = table.all();

        ProcessInfo found = processes.stream().filter(p -> p.pid() == sleeper.pid()).findFirst().orElseThrow();
        assertThat(found.argv()).containsExactly("sh", "-c", "sleep 3003.5; :", "name with spaces)( and ) parens");
        assertThat(found.comm()).isEqualTo("sh");
        assertThat(found.ppid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(found.state()).isIn('S', 'R');
        String[] stat = statFields(sleeper.pid());
        assertThat(found.pgid()).isEqualTo(Integer.parseInt(stat[2]));
        assertThat(found.sid()).isEqualTo(Integer.parseInt(stat[3]));
        assertThat(found.startTicks()).isEqualTo(Long.parseLong(stat[19]));
        assertThat(processes).filteredOn(p -> p.ppid() == sleeper.pid()).singleElement()
                .satisfies(sleep -> assertThat(sleep.argv()).containsExactly("sleep", "3003.5"))
                .satisfies(sleep -> assertThat(sleep.argv0Name()).isEqualTo("sleep"));
        assertThat(processes).anySatisfy(p -> assertThat(p.pid()).isEqualTo(1));
        assertThat(processes.size()).isGreaterThan(localProcessCount() / 2);
        ProcessInfo testJvm = table.get((int) ProcessHandle.current().pid()).orElseThrow();
        assertThat(table.maySignal(testJvm)).as("an ancestor of the listing shell (it runs the test's sshd)").isFalse();
        assertThat(table.maySignal(found)).as("a process beside SMART's own").isTrue();
    }

    @Test
    void unreachableHostFailsWithTheRemoteResult() throws Exception {
        SshConnection host = transport.connection(sshd.spec("lo", tmp.resolve("no_known_hosts")).build());

        var listing = new RemoteProcReader(host).read(Duration.ofSeconds(20));

        assertThat(listing).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .havingCause().isInstanceOf(RemoteCommandException.class)
                .withMessageContaining("cannot list processes on lo").withMessageContaining("is not in");
    }

    private static String[] statFields(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
    }

    private static int localProcessCount() throws Exception {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return (int) entries.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
    }
}
