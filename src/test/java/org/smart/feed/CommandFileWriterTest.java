package org.smart.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandFileWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RetryPolicy FAST_RETRY = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100));

    @TempDir
    Path dir;

    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final List<CommandFileWriter> writers = new ArrayList<>();
    private final ExternalCommandFormatter formatter = new ExternalCommandFormatter();

    @AfterEach
    void stop() throws InterruptedException {
        writers.forEach(CommandFileWriter::close);
        readers.shutdownNow();
        assertThat(readers.awaitTermination(10, TimeUnit.SECONDS)).as("reader threads ended").isTrue();
    }

    private CommandFileWriter writer(Path file, int queue) {
        CommandFileWriter w = CommandFileWriter.start(
                new CommandFileFeedConfig(true, file, queue, Duration.ofMillis(300), FAST_RETRY));
        writers.add(w);
        return w;
    }

    private static PassiveResult result(int i) {
        return PassiveResult.service("web01", "svc" + i, i % 4, "OK: result " + i, "", "n=" + i, Instant.ofEpochSecond(1_795_311_930L + i));
    }

    private Path fifo() throws IOException, InterruptedException {
        Path fifo = dir.resolve("nagios.cmd");
        Process p = new ProcessBuilder("mkfifo", "-m", "0600", fifo.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), UTF_8)).isZero();
        return fifo;
    }

    /**
     * Reads {@code n} lines from the FIFO, then closes it. Like Nagios and Icinga, it opens the FIFO again
     * after an end of file: a writer whose write failed for want of a reader may close just after this
     * reader's open returned.
     */
    private CompletableFuture<List<String>> readLines(Path fifo, int n) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            while (lines.size() < n && !Thread.currentThread().isInterrupted()) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(fifo), UTF_8))) {
                    for (String line = in.readLine(); line != null; line = lines.size() < n ? in.readLine() : null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return lines;
        }, readers);
    }

    private List<String> expectedLines(int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            lines.add(formatter.format(result(i)).stripTrailing());
        }
        return lines;
    }

    @Test
    void fifoWithoutReaderNeverBlocksSubmitOrClose() throws Exception {
        Path fifo = fifo();
        CommandFileWriter writer = writer(fifo, 10);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 50; i++) {
                assertThat(writer.submit(result(i))).isTrue();
            }
        });
        // 10 kept (queued or waiting for a retry) and at most 1 in the writer's hands.
        assertThat(writer.dropped()).isBetween(39L, 40L);

        assertTimeoutPreemptively(Duration.ofSeconds(5), writer::close);
        assertThat(writer.deliveryThreadAlive()).as("writer thread freed from open() and ended").isFalse();
        assertThat(writer.written()).isZero();
        assertThat(writer.submit(result(99))).as("closed writer takes nothing").isFalse();
    }

    @Test
    void readerAttachedLaterGetsTheQueuedLines() throws Exception {
        Path fifo = fifo();
        CommandFileWriter writer = writer(fifo, 100);
        for (int i = 1; i <= 3; i++) {
            writer.submit(result(i));
        }

        List<String> got = readLines(fifo, 3).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // Results of different services that had to wait for a retry may come in any order.
        assertThat(got).containsExactlyInAnyOrderElementsOf(expectedLines(1, 3));
        await().atMost(WAIT).until(() -> writer.written() == 3);
    }

    @Test
    void writerRecoversWhenTheReaderGoesAway() throws Exception {
        Path fifo = fifo();
        CommandFileWriter writer = writer(fifo, 100);
        CompletableFuture<List<String>> first = readLines(fifo, 2);
        writer.submit(result(1));
        writer.submit(result(2));
        assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(expectedLines(1, 2));

        // The reader has closed: the next write gets EPIPE, and the writer waits for a new reader.
        for (int i = 3; i <= 5; i++) {
            writer.submit(result(i));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(writer.currentFailure()).contains("Broken pipe"));

        assertThat(readLines(fifo, 3).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .containsExactlyInAnyOrderElementsOf(expectedLines(3, 5));
        await().atMost(WAIT).untilAsserted(() -> assertThat(writer.currentFailure()).isNull());
        assertThat(writer.written()).isEqualTo(5);
    }

    @Test
    void regularFileIsAppendedToOneCommandPerResult() throws Exception {
        Path file = dir.resolve("commands.txt");
        Files.writeString(file, "[1] PROCESS_HOST_CHECK_RESULT;other;0;written by someone else\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Instant t = Instant.ofEpochSecond(1_795_311_930L);
        List<PassiveResult> results = List.of(
                PassiveResult.service("web01", "apache", 2, "ok\n[123] PROCESS_HOST_CHECK_RESULT;x;2;pwned", "", "", t),
                PassiveResult.service("web01", "imap", 1, "a\r\n[124] PROCESS_SERVICE_CHECK_RESULT;web01;imap;0;fake\u0000",
                        "", "t=1", t),
                PassiveResult.service("web01", "disk", 2, "DISK CRITICAL", "x\n".repeat(3000), "root=99%", t),
                PassiveResult.host("web01", 1, "CRITICAL | pipe;semi", "\r", "", t));

        CommandFileWriter writer = writer(file, 100);
        results.forEach(writer::submit);
        writer.close();

        String content = Files.readString(file, UTF_8);
        List<ParsedCommand> commands = ParsedCommand.parseAll(content);
        assertThat(commands).hasSize(1 + results.size());
        assertThat(commands.get(0).host()).isEqualTo("other");
        assertThat(commands.get(1).text()).isEqualTo("ok\n[123] PROCESS_HOST_CHECK_RESULT;x;2;pwned");
        assertThat(commands.get(1).service()).isEqualTo("apache");
        assertThat(commands.get(2).text()).isEqualTo("a\n[124] PROCESS_SERVICE_CHECK_RESULT;web01;imap;0;fake\uFFFD");
        assertThat(commands.get(2).perfdata()).isEqualTo("t=1");
        assertThat(commands.get(3).text()).startsWith("DISK CRITICAL\nx\nx\n").contains("[SMART: output cut");
        assertThat(commands.get(3).perfdata()).isEqualTo("root=99%");
        assertThat(commands.get(4).command()).isEqualTo("PROCESS_HOST_CHECK_RESULT");
        assertThat(commands.get(4).text()).isEqualTo("CRITICAL \u00A6 pipe;semi\n\n");
        for (String line : content.split("\n")) {
            assertThat((line + "\n").getBytes(UTF_8).length).isLessThanOrEqualTo(ExternalCommandFormatter.PIPE_BUF);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void fifoWithoutReaderIsAFailureRetriedLaterNotAnOpenThatWaitsForever() throws Exception {
        Path fifo = fifo();
        CommandFileWriter writer = writer(fifo, 10);

        writer.submit(result(1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(writer.currentFailure())
                .isEqualTo("no process reads the pipe (Broken pipe): is Nagios/Icinga running?"));
        // Once a reader comes, the result waiting for its retry is written.
        assertThat(readLines(fifo, 1).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(expectedLines(1, 1));
        await().atMost(WAIT).until(() -> writer.written() == 1);
    }

    @Test
    void symbolicLinkIsNeverFollowed() throws Exception {
        Path target = Files.writeString(dir.resolve("not-the-command-file"), "untouched\n");
        Path link = Files.createSymbolicLink(dir.resolve("nagios.cmd"), target);
        CommandFileWriter writer = writer(link, 10);

        writer.submit(result(1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(writer.currentFailure())
                .isEqualTo("is a symbolic link; SMART writes only to the pipe or file itself"));
        writer.close();
        assertThat(Files.readString(target)).isEqualTo("untouched\n");
    }

    @Test
    void missingCommandFileIsNeverCreated() throws Exception {
        Path missing = dir.resolve("rw").resolve("nagios.cmd");
        Files.createDirectories(missing.getParent());
        CommandFileWriter writer = writer(missing, 10);

        writer.submit(result(1));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(writer.currentFailure()).isEqualTo("does not exist (is Nagios/Icinga running?)"));
        writer.close();
        assertThat(missing).doesNotExist();
    }
}
