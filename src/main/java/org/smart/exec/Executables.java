package org.smart.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the file a command's first word executes, the way SMART runs commands: a name with a slash as
 * it is (relative to the working directory), any other name in the {@code PATH} of the command's
 * environment. The one place that says whether a program can be run, for running it and for
 * {@code smart config check}.
 */
public final class Executables {

    private Executables() {
    }

    /**
     * Why {@code name} cannot be executed with {@code environment}, e.g. {@code "/usr/sbin/x: no such file"};
     * empty when it can.
     *
     * @param workingDir the directory it would run in, or null for SMART's own
     */
    public static Optional<String> whyNot(String name, Map<String, String> environment, Path workingDir) {
        try {
            find(name, environment, workingDir);
            return Optional.empty();
        } catch (StartFailure e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The file to execute; the failure names what is wrong. */
    static Path find(String name, Map<String, String> environment, Path workingDir) throws StartFailure {
        if (name.indexOf('/') >= 0) {
            Path path = workingDir == null ? Path.of(name) : workingDir.resolve(name);
            return requireExecutable(name, path);
        }
        String searchPath = environment.getOrDefault("PATH", ChildEnvironment.DEFAULT_PATH);
        for (String dir : searchPath.split(":", -1)) {
            Path base = Path.of(dir.isEmpty() ? "." : dir);
            Path candidate = (workingDir == null ? base : workingDir.resolve(base)).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new StartFailure(name + ": not found in PATH " + searchPath);
    }

    private static Path requireExecutable(String name, Path path) throws StartFailure {
        if (!Files.exists(path)) {
            throw new StartFailure(name + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new StartFailure(name + ": is a directory");
        }
        if (!Files.isExecutable(path)) {
            throw new StartFailure(name + ": not executable");
        }
        return path.toAbsolutePath();
    }
}
