package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.ssh.ChannelRun.End;
import org.smart.ssh.RemoteResult.Outcome;

/** The batch script run by a local /bin/sh, read back by the parser, fed in awkward pieces. */
class BatchScriptTest {
    private static final String TOKEN = "00112233445566778899aabbccddeeff";

    @TempDir
    Path tmp;

    @Test
    void outputsOfAnySizeAndContentComeBackExactly() throws Exception {
        List<RemoteCommand> commands = List.of(
                RemoteCommand.of("printf", "%s", ""),
                RemoteCommand.of("printf", "%s", TOKEN + " 1 0 0 3\nabc\n"),
                RemoteCommand.shell("echo out; echo err >&2; exit 7"),
                RemoteCommand.shell("head -c 70000 /dev/zero | tr '\\0' y"),
                RemoteCommand.of("printf", "%s", "ünïcødé\n\n"));
        BatchOutputParser parser = new BatchOutputParser(TOKEN, commands.size(), SshConnection.OUTPUT_CAP);

        feedInPieces(runLocally(BatchScript.of(commands, Duration.ofSeconds(5), TOKEN, "n1", SshConnection.OUTPUT_CAP)), parser, 7);
        List<RemoteResult> results = parser.results(exited(0), Duration.ofSeconds(5), "");

        assertThat(results).extracting(RemoteResult::outcome).containsOnly(Outcome.COMPLETED);
        assertThat(results.get(0).stdout()).isEmpty();
        assertThat(results.get(1).stdout()).isEqualTo(TOKEN + " 1 0 0 3\nabc\n");
        assertThat(results.get(2).exitCode()).isEqualTo(7);
        assertThat(results.get(2).stdout()).isEqualTo("out\nerr\n");
        assertThat(results.get(3).stdout()).hasSize(SshConnection.OUTPUT_CAP);
        assertThat(results.get(3).truncated()).isTrue();
        assertThat(results.get(4).stdout()).isEqualTo("ünïcødé\n\n");
    }

    @Test
    void aHangingCommandAndWhatItStartedAreKilledAtItsOwnLimitAndTheRestStillRuns() throws Exception {
        String sleepy = ProcessProbe.sleepSeconds(3005);
        List<RemoteCommand> commands = List.of(
                RemoteCommand.shell("trap '' TERM; sleep " + sleepy + " & sleep " + sleepy),
                RemoteCommand.of("echo", "after"),
                RemoteCommand.shell("exit 124"));
        BatchOutputParser parser = new BatchOutputParser(TOKEN, 3, SshConnection.OUTPUT_CAP);
        long start = System.nanoTime();

        parser.write(runLocally(BatchScript.of(commands, Duration.ofMillis(500), TOKEN, "n2", SshConnection.OUTPUT_CAP)));
        List<RemoteResult> results = parser.results(exited(0), Duration.ofMillis(500), "");

        assertThat(results.get(0).outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(results.get(0).reason()).contains("did not finish within 0.5 s");
        assertThat(results.get(1).stdout()).isEqualTo("after\n");
        assertThat(results.get(2).outcome()).as("exit 124 of its own is no timeout").isEqualTo(Outcome.COMPLETED);
        assertThat(results.get(2).exitCode()).isEqualTo(124);
        // Well under the batch's own limit (three commands' limits, ticks and kill graces: over 6 s), so the
        // hanging command was ended at its own limit, however slow the machine.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        // KILLed, but a busy machine may take a moment to reap them.
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessProbe.withArgv("sleep", sleepy).isEmpty());
    }

    @Test
    void withoutTheChildrenFileEachCommandRunsUnderTimeout() throws Exception {
        // Simulate a kernel without /proc/PID/task/PID/children by reading the script with that test rigged.
        List<RemoteCommand> commands = List.of(RemoteCommand.of("sleep", ProcessProbe.sleepSeconds(3005)),
                RemoteCommand.of("echo", "after"));
        String script = new String(BatchScript.of(commands, Duration.ofMillis(500), TOKEN, "n3",
                SshConnection.OUTPUT_CAP).bytes(), StandardCharsets.UTF_8).replace("[ -r /proc/$$/task/$$/children ]", "false");
        BatchOutputParser parser = new BatchOutputParser(TOKEN, 2, SshConnection.OUTPUT_CAP);

        parser.write(runLocally(script.getBytes(StandardCharsets.UTF_8)));
        List<RemoteResult> results = parser.results(exited(0), Duration.ofMillis(500), "");

        assertThat(results.get(0).outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(results.get(1).stdout()).isEqualTo("after\n");
    }

    @Test
    void theScriptLeavesNoFilesOrProcessesBehind() throws Exception {
        // The watchdog ticks a quarter of the limit: a limit of 4 x 0.9NN s makes it run "sleep 0.9NN", easy to
        // look for, with NN at random so that another build running this test at the same time does not interfere.
        long tickMillis = 900 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 99);
        List<RemoteCommand> commands = List.of(RemoteCommand.of("sleep", "0.3"), RemoteCommand.of("true"));
        String nonce = "n4x" + tickMillis + ProcessHandle.current().pid();
        BatchScript script = BatchScript.of(commands, Duration.ofMillis(4 * tickMillis), TOKEN, nonce,
                SshConnection.OUTPUT_CAP);
        String tick = RemoteInvocation.seconds(Duration.ofMillis(tickMillis));
        assertThat(new String(script.bytes(), StandardCharsets.UTF_8)).contains("while sleep " + tick + ";");

        runLocally(script);

        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("/dev/shm"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(nonce));
        }
        assertThat(ProcessProbe.withArgv("sleep", tick)).isEmpty();
    }

    @Test
    void aCommandInADirectoryGetsExactlyWhatItWouldOnAChannelOfItsOwnWithoutSpareProcesses() throws Exception {
        Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C",
                "SMART_SERVICE", "web 'quoted' $x\nand a second line");
        List<String> show = List.of("/bin/sh", "-c", "pwd; echo $PPID; env | sort");
        RemoteCommand inDir = RemoteCommand.inDirectory(tmp, environment, show);
        List<RemoteCommand> commands = List.of(inDir, RemoteCommand.shell("echo $PPID"),
                RemoteCommand.inDirectory(tmp.resolve("missing"), environment, List.of("true")),
                RemoteCommand.inDirectory(Path.of("/"), environment, List.of("sh", "-c", "env | sort")));
        BatchOutputParser parser = new BatchOutputParser(TOKEN, commands.size(), SshConnection.OUTPUT_CAP);

        parser.write(runLocally(BatchScript.of(commands, Duration.ofSeconds(5), TOKEN, "n5", SshConnection.OUTPUT_CAP)));
        List<RemoteResult> results = parser.results(exited(0), Duration.ofSeconds(5), "");

        List<String> lines = results.get(0).stdout().lines().toList();
        String batchShell = results.get(1).stdout().strip();
        assertThat(lines.get(0)).isEqualTo(tmp.toString());
        assertThat(lines.get(1)).as("the command's parent is the batch shell itself").isEqualTo(batchShell);
        Process own = new ProcessBuilder(inDir.argv()).start();  // what a channel of its own runs
        List<String> ownLines = new String(own.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(own.waitFor()).isZero();
        assertThat(lines.subList(2, lines.size())).as("environment").isEqualTo(ownLines.subList(2, ownLines.size()))
                .contains("HOME=" + System.getenv("HOME"), "SMART_SERVICE=web 'quoted' $x", "and a second line")
                .hasSize(6);  // and PWD, which the showing sh sets itself
        assertThat(results.get(2).exitCode()).as("missing directory").isEqualTo(126);
        assertThat(results.get(2).stdout()).contains("can't cd to " + tmp.resolve("missing"));
        assertThat(results.get(3).stdout().lines().toList()).as("a program found through the given PATH")
                .isEqualTo(ownLines.subList(2, ownLines.size()).stream().map(l -> l.replace(tmp.toString(), "/")).toList());
    }

    @Test
    void eachCommandHasTheElapsedTimeTheRemoteSideMeasured() throws Exception {
        List<RemoteCommand> commands = List.of(RemoteCommand.of("true"), RemoteCommand.of("sleep", "0.3"));
        BatchOutputParser parser = new BatchOutputParser(TOKEN, 2, SshConnection.OUTPUT_CAP);

        parser.write(runLocally(BatchScript.of(commands, Duration.ofSeconds(5), TOKEN, "n6", SshConnection.OUTPUT_CAP)));
        List<RemoteResult> results = parser.results(exited(0), Duration.ofSeconds(5), "");

        assertThat(results.get(0).elapsed()).isLessThan(Duration.ofMillis(250));
        assertThat(results.get(1).elapsed()).isBetween(Duration.ofMillis(290), Duration.ofSeconds(3));
    }

    @Test
    void garbledOrMissingRecordsBecomeChannelFailures() throws IOException {
        BatchOutputParser parser = new BatchOutputParser(TOKEN, 3, 100);

        parser.write((TOKEN + " 0 0 0 0 2\nok\n" + "deadbeef 1 0 0 0 2\nxx\n").getBytes(StandardCharsets.US_ASCII));
        List<RemoteResult> results = parser.results(exited(0), Duration.ofSeconds(1), "sh: oops");

        assertThat(results.get(0).outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(results.get(1).outcome()).isEqualTo(Outcome.CHANNEL_FAILED);
        assertThat(results.get(1).reason()).contains("unreadable batch output").contains("header of command 1");
        assertThat(results.get(2).stderr()).isEqualTo("sh: oops");
    }

    @Test
    void aRecordLongerThanItsLengthIsCaught() throws IOException {
        BatchOutputParser parser = new BatchOutputParser(TOKEN, 1, 100);

        parser.write((TOKEN + " 0 0 0 0 2\nokay\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(parser.results(exited(0), Duration.ofSeconds(1), "").get(0).reason())
                .contains("longer than its length says");
    }

    private static End exited(int status) {
        return new End(null, status, null, false, null, null, 1, Duration.ofMillis(1));
    }

    private static byte[] runLocally(BatchScript script) throws Exception {
        return runLocally(script.bytes());
    }

    private static byte[] runLocally(byte[] script) throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", "LC_ALL=C; export LC_ALL; exec sh -s").start();
        sh.getOutputStream().write(script);
        sh.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sh.getInputStream().transferTo(out);
        sh.waitFor();
        return out.toByteArray();
    }

    private static void feedInPieces(byte[] data, BatchOutputParser parser, int piece) {
        for (int i = 0; i < data.length; i += piece) {
            parser.write(data, i, Math.min(piece, data.length - i));
        }
    }
}
