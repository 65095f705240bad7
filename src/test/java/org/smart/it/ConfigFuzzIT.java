package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.cli.Main;
import org.smart.testing.TestFiles;
import picocli.CommandLine;

/**
 * Issue 10's fuzz test: a fixed-seed corpus of a few hundred hostile configuration directories
 * ({@link HostileConfigCorpus}), each checked with {@code smart config check} and a one-shot run. Neither may
 * print a stack trace or "internal error", take more than 10 s, or exit with anything but 0 or 3; and a
 * command that exits 3 names the file (and, for what is in a file, the line) of every problem.
 *
 * <p>Most cases run in this JVM through {@link Main}'s picocli command line, its output captured (a JVM
 * start for each would take minutes); every {@value #LAUNCHER_SAMPLE}th also runs through the real
 * {@code bin/smart}, which must agree.
 */
class ConfigFuzzIT {

    private static final long SEED = 0x5A4D_4152_5410L;
    private static final int CASES = 300;
    private static final int LAUNCHER_SAMPLE = 15;
    private static final Duration LIMIT = Duration.ofSeconds(10);

    /** A line of a Java stack trace, or an uncaught exception's report. */
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|Exception in thread|Caused by: ");
    /** A problem as SMART prints it: file, optional line, then the problem. */
    private static final Set<String> FILE_LEVEL = Set.of("no service to monitor", "does not exist", "cannot be read",
            "neither services.conf nor smart.yml found", "configuration directory");

    @TempDir
    Path tmp;

    private final ExecutorService inProcess = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fuzz-case");
        thread.setDaemon(true); // a hung case must not keep the test JVM alive
        return thread;
    });

    @AfterEach
    void tearDown() {
        inProcess.shutdownNow();
    }

    /** What a command did. {@code exit} is -1 when it did not finish within {@link #LIMIT}. */
    record Outcome(int exit, String out, String err, Duration took) {
        String all() {
            return out + err;
        }
    }

    @Test
    void hostileConfigurationsAreReportedNeverCrashOrHang() throws IOException {
        List<HostileConfigCorpus.Case> corpus = new HostileConfigCorpus(SEED).cases(CASES);
        List<String> failures = new ArrayList<>();
        for (HostileConfigCorpus.Case c : corpus) {
            Path dir = write(c);
            Outcome check = inProcess("config", "check", "--conf", dir.toString());
            failures.addAll(judge(c, "config check", check, dir));
            Outcome run = inProcess("--conf", dir.toString());
            failures.addAll(judge(c, "run", run, dir));
            if (c.number() % LAUNCHER_SAMPLE == 0) {
                Outcome launched = launcher("config", "check", "--conf", dir.toString());
                failures.addAll(judge(c, "bin/smart config check", launched, dir));
                if (launched.exit() != check.exit()) {
                    failures.add(c + ": bin/smart config check exited " + launched.exit() + ", in-process " + check.exit());
                }
                failures.addAll(judge(c, "bin/smart run", launcher("--conf", dir.toString()), dir));
            }
        }
        assertThat(failures).as("%d of %d cases failed", failures.size(), CASES).isEmpty();
    }

    private List<String> judge(HostileConfigCorpus.Case c, String command, Outcome outcome, Path dir) {
        List<String> failures = new ArrayList<>();
        String what = c + " " + command + ": ";
        String shown = shorten(outcome.all());
        if (outcome.exit() < 0) {
            failures.add(what + "did not finish within " + LIMIT.toSeconds() + " s");
            return failures;
        }
        if (outcome.took().compareTo(LIMIT) > 0) {
            failures.add(what + "took " + outcome.took().toMillis() + " ms");
        }
        if (outcome.all().contains("internal error") || STACK_TRACE.matcher(outcome.all()).find()) {
            failures.add(what + "crashed:\n" + shown);
        }
        if (outcome.exit() != 0 && outcome.exit() != 3) {
            failures.add(what + "exit " + outcome.exit() + "\n" + shown);
        }
        if (outcome.exit() == 3) {
            failures.addAll(problemsNameTheirPlace(what, outcome.all(), dir));
        }
        return failures;
    }

    /** Every problem names a file of the directory; what is inside a file names its line too. */
    private static List<String> problemsNameTheirPlace(String what, String output, Path dir) {
        List<String> problems = output.lines()
                .map(line -> line.startsWith("smart: ") ? line.substring("smart: ".length()) : line)
                .filter(line -> line.startsWith(dir.toString()) && !line.contains(" problem(s) in "))
                .toList();
        if (problems.isEmpty()) {
            return List.of(what + "exit 3 without a problem naming a file:\n" + shorten(output));
        }
        Pattern placed = Pattern.compile(Pattern.quote(dir.toString()) + "(/[\\w.]+(:[1-9]\\d*(:[1-9]\\d*)?)?)?: .+");
        List<String> failures = new ArrayList<>();
        for (String problem : problems) {
            boolean fileLevel = FILE_LEVEL.stream().anyMatch(problem::contains);
            if (!placed.matcher(problem).matches() || !fileLevel && !problem.matches(".*\\.(conf|yml):\\d+(:\\d+)?: .*")) {
                failures.add(what + "a problem without its file and line: " + shorten(problem));
            }
        }
        return failures;
    }

    private Path write(HostileConfigCorpus.Case c) throws IOException {
        Path dir = tmp.resolve("case-" + c.number());
        Files.createDirectories(dir.resolve("run"));
        TestFiles.executable(dir.resolve("scripts/ok.sh"), "#!/bin/sh\necho fine\nexit 0\n");
        for (Map.Entry<String, byte[]> file : c.files().entrySet()) {
            byte[] bytes = file.getKey().equals("host.conf")
                    ? new String(file.getValue(), StandardCharsets.UTF_8)
                            .replace("@STATE_DIR@", dir.resolve("state").toString()).getBytes(StandardCharsets.UTF_8)
                    : file.getValue();
            Files.write(dir.resolve(file.getKey()), bytes);
        }
        return dir;
    }

    /** Runs {@code smart ARGS} in this JVM; whatever reaches System.out or System.err is captured too. */
    private Outcome inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        PrintStream capture = new PrintStream(stray, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        long start = System.nanoTime();
        int exit;
        try {
            Future<Integer> done = inProcess.submit(() -> {
                CommandLine commandLine = Main.newCommandLine(args);
                commandLine.setOut(new PrintWriter(out, true));
                commandLine.setErr(new PrintWriter(err, true));
                return commandLine.execute(args);
            });
            exit = done.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exit = -1;
        } catch (ExecutionException e) {
            throw new AssertionError("picocli's execute threw", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Outcome(exit, out.toString(), err + stray.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static Outcome launcher(String... args) {
        long start = System.nanoTime();
        SmartCli.Result result = new SmartCli().run(args);
        return new Outcome(result.exitCode(), result.out(), result.err(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static String shorten(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }
}
