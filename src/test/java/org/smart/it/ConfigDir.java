package org.smart.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.smart.testing.TestFiles;

/** Writes a SMART configuration directory for a test: host.conf, services.conf and scripts. */
final class ConfigDir {

    final Path dir;
    private final List<String> hostConf = new ArrayList<>();
    private final List<String> services = new ArrayList<>();
    private String smartYml;

    ConfigDir(Path dir) {
        this.dir = dir;
        hostConf.add("HOSTNAME=testhost");
        hostConf.add("STATE_DIR=" + dir.resolve("state"));
        hostConf.add("CHECK_TIMEOUT=5");
        hostConf.add("START_TIMEOUT=15");
        hostConf.add("STOP_TIMEOUT=3");
    }

    ConfigDir host(String line) {
        hostConf.add(line);
        return this;
    }

    /** Sets a host.conf key, replacing an earlier value of the same key. */
    ConfigDir setHost(String key, String value) {
        hostConf.removeIf(line -> line.startsWith(key + "="));
        hostConf.add(key + "=" + value);
        return this;
    }

    ConfigDir clearServices() {
        services.clear();
        return this;
    }

    ConfigDir service(String line) {
        services.add(line);
        return this;
    }

    /** smart.yml's content, written beside host.conf and services.conf. */
    ConfigDir smartYml(String content) {
        smartYml = content;
        return this;
    }

    /** An executable in scripts/ (or anywhere under the directory), with a shebang of your choice. */
    Path script(String relativePath, String content) {
        return TestFiles.executable(dir.resolve(relativePath), content);
    }

    ConfigDir write() {
        try {
            Files.createDirectories(dir.resolve("scripts"));
            Files.createDirectories(dir.resolve("plugins"));
            Files.write(dir.resolve("host.conf"), hostConf);
            Files.write(dir.resolve("services.conf"), services);
            if (smartYml != null) {
                Files.writeString(dir.resolve("smart.yml"), smartYml);
            }
            return this;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    String path() {
        return dir.toString();
    }
}
