package org.smart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import org.smart.config.ConfigLoader;
import org.smart.model.Config;
import org.smart.oneshot.OneShotRun;
import org.smart.oneshot.RunOptions;
import org.smart.oneshot.RunReport;
import org.smart.output.JsonReport;
import org.smart.output.TableReport;
import org.smart.policy.CliMode;
import picocli.CommandLine.Command;

/**
 * {@code smart warm-up}: one check-only run over a small throw-away configuration, touching every
 * part a real run uses. The launcher runs it once, recording the classes it loads into the
 * class-data-sharing archive, so that every later run starts from that archive.
 */
@Command(name = "warm-up", hidden = true, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run a check over a built-in sample configuration, changing nothing (for the launcher's AppCDS archive).")
final class WarmUpCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("smart-warm-up", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        try {
            Config config = new ConfigLoader().load(writeSample(dir));
            RunReport report;
            try (OneShotRun run = Wiring.oneShot(config, new RunOptions(CliMode.CHECK_ONLY, false, List.of(), "warm-up"))) {
                report = run.run();
            }
            try (PrintWriter sink = new PrintWriter(new StringWriter())) {
                sink.print(TableReport.render(report));
                sink.print(JsonReport.render(report));
            }
            return 0;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path writeSample(Path dir) throws IOException {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path check = scripts.resolve("ok.sh");
        Files.writeString(check, "#!/bin/sh\necho 'OK - warm | time=1ms;5;10;0'\n");
        Files.setPosixFilePermissions(check, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("host.conf"), "HOSTNAME=warm-up\nSTATE_DIR=" + dir.resolve("state") + "\n");
        Files.writeString(dir.resolve("services.conf"), """
                init;init;;1;0;;/nonexistent/init.pid;;0;
                scripted;none;;0;0;;;;0;ok.sh
                port;none:1;;0;0;;;;0;
                """);
        Files.writeString(dir.resolve("smart.yml"), """
                services:
                  - name: yaml
                    process: none
                    procs: { min: 0, max: 0 }
                """);
        return dir;
    }
}
