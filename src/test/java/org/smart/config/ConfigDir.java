package org.smart.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.smart.model.Config;
import org.smart.model.ConfigProblem;
import org.smart.security.SecretFiles;

/** A configuration directory written by a test, and problems rendered relative to it. */
final class ConfigDir {

    final Path dir;

    ConfigDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path write(String name, String... lines) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file in scripts/ with the given permissions, e.g. {@code rwxr-xr-x}. */
    Path script(String name, String permissions) {
        Path script = write("scripts/" + name, "#!/bin/sh", "exit 0");
        try {
            return Files.setPosixFilePermissions(script, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loader every configuration test uses: host name "testhost", secret files owned by the current user. */
    ConfigLoader loader() {
        return new ConfigLoader(HostnameSource.fixed("testhost"), SecretFiles.forCurrentUser());
    }

    /** This directory's configuration, as {@link #loader()} reads it. */
    Config load() {
        return loader().load(dir);
    }

    /** The problem as {@code smart config check} prints it, with this directory's path cut off. */
    String render(ConfigProblem problem) {
        return problem.toString().replace(dir + "/", "").replace(dir.toString(), ".");
    }

    List<String> render(List<ConfigProblem> problems) {
        return problems.stream().map(this::render).toList();
    }
}
