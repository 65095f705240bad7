package org.smart.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code bin/smart} as a separate process, the way an administrator or cron does. */
final class SmartCli {

    static final Path HOME = Path.of(System.getProperty("smart.home", ".")).toAbsolutePath();
    static final Path LAUNCHER = HOME.resolve("bin/smart");

    private final Map<String, String> environment = new HashMap<>();

    SmartCli env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Result run(String... args) {
        return run(List.of(args));
    }

    Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(args);
        return exec(command, environment);
    }

    static Result exec(List<String> command, Map<String, String> extraEnv) {
        try {
            Path out = Files.createTempFile("smart-out", ".txt");
            Path err = Files.createTempFile("smart-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().remove("SMART_CONF");
                builder.environment().putAll(extraEnv);
                Process process = builder.start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("timed out: " + command);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
