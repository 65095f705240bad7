package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour, pasted as a reader would after the build and {@code run-demo}: every {@code $} line of its
 * console block runs in order from the top of the source tree (in a pid namespace of its own, since it kills a
 * daemon), exits 0, and prints what the README shows, up to timings, pids and the checkout's path.
 */
class ReadmeTourIT {

    private static final String MARK = "@@@ ";

    /** A command and the lines printed after it. */
    record Step(String command, List<String> lines) {
    }

    @TempDir
    Path tmp;

    @Test
    void theTourWorksVerbatimAfterRunDemo() throws IOException {
        List<Step> tour = steps(tourBlock(Files.readString(SmartCli.HOME.resolve("README.md"))), "$ ");
        assertThat(tour).as("the tour's commands").hasSizeGreaterThanOrEqualTo(5);
        SmartCli.Result demo = SmartCli.exec(List.of(SmartCli.HOME.resolve("examples/demo/run-demo").toString()),
                Map.of());
        assertThat(demo.exitCode()).as(demo.toString()).isZero();

        StringBuilder script = new StringBuilder("#!/bin/bash\ncd '" + SmartCli.HOME + "'\n");
        for (Step step : tour) {
            script.append("echo '").append(MARK).append(step.command().replace("'", "'\\''")).append("'\n")
                    .append(step.command()).append(" 2>&1\n")
                    .append("echo \"").append(MARK).append("exit $?\"\n");
        }
        Path driver = tmp.resolve("tour");
        Files.writeString(driver, script);
        driver.toFile().setExecutable(true);

        SmartCli.Result run = PidNamespace.run(driver);

        List<Step> seen = steps(run.out(), MARK);
        assertThat(seen).extracting(Step::command).as(run.toString())
                .containsExactlyElementsOf(tour.stream().map(Step::command).toList());
        for (int i = 0; i < tour.size(); i++) {
            List<String> printed = seen.get(i).lines();
            assertThat(printed).as(seen.get(i).command()).isNotEmpty();
            assertThat(printed.get(printed.size() - 1)).as(seen.get(i) + "").isEqualTo(MARK + "exit 0");
            assertThat(normalized(printed.subList(0, printed.size() - 1))).as(seen.get(i).command())
                    .containsExactlyElementsOf(normalized(tour.get(i).lines()));
        }
    }

    /** The console block of the README's "A tour" section. */
    private static String tourBlock(String readme) {
        int section = readme.indexOf("## A tour");
        int start = readme.indexOf("```console\n", section) + "```console\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    /** Lines starting with {@code prompt} are commands (an {@code exit} marker is not), the others their output. */
    private static List<Step> steps(String text, String prompt) {
        List<Step> steps = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(prompt) && !line.startsWith(MARK + "exit ")) {
                steps.add(new Step(line.substring(prompt.length()), new ArrayList<>()));
            } else if (!steps.isEmpty()) {
                steps.get(steps.size() - 1).lines().add(line);
            }
        }
        return steps;
    }

    /** What may differ from run to run: timings, pids, disk usage, where the tree is checked out, column widths. */
    private static List<String> normalized(List<String> lines) {
        return lines.stream()
                .map(line -> line.replaceAll("\\d+ ms", "N ms").replaceAll("pid \\d+", "pid N")
                        .replaceAll("after [\\d.]+ s", "after N s").replaceAll("\\d+% used", "N% used")
                        .replaceAll("/\\S*/examples/demo/", "DIR/examples/demo/").replaceAll(" +", " ").strip())
                .toList();
    }
}
