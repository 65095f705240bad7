package org.smart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.security.UnixIds;

/** Runs as root only: what a root run refuses needs files of other owners. */
class TrustedConfigTest {

    private static final int OTHER_UID = 4242;
    private static final Invocation ROOT = new Invocation(0, null, Map.of());

    @TempDir
    Path temp;
    Path conf;
    Path opt;

    @BeforeEach
    void rootOwnedDirectories() throws Exception {
        assumeTrue(UnixIds.runningAsRoot(), "needs files owned by other users: run as root");
        conf = Files.createDirectories(temp.resolve("etc/smart"));
        opt = Files.createDirectories(temp.resolve("opt/app"));
        executable(opt.resolve("check_app"));
        executable(opt.resolve("appd"));
    }

    private static Path executable(Path file) throws Exception {
        Files.writeString(file, "#!/bin/sh\n");
        return Files.setAttribute(file, "unix:mode", 0755);
    }

    private void smartYml(String services) throws Exception {
        Files.writeString(conf.resolve("smart.yml"), "services:\n" + services);
    }

    @Test
    void programsFromRootOwnedPlacesAreRun() throws Exception {
        smartYml("""
                  - name: app
                    process: appd
                    start: %s/appd --daemon
                    plugin: %s/check_app -w 1
                  - name: dummy
                    procs: { min: 0, max: 0 }
                    plugin: check_dummy 0 fine
                """.formatted(opt, opt));

        assertThat(TrustedConfig.load(conf, ROOT).services()).hasSize(2);
    }

    @Test
    void aPluginAndAStartCommandThatOthersCanChangeAreRefusedNamingTheirLines() throws Exception {
        Path plugin = Files.setAttribute(opt.resolve("check_app"), "unix:uid", OTHER_UID);
        Files.setAttribute(opt, "unix:mode", 0775);
        smartYml("""
                  - name: app
                    process: appd
                    start: %s/appd --daemon
                    plugin: %s/check_app -w 1
                """.formatted(opt, opt));
        Path yml = conf.resolve("smart.yml");

        assertThatThrownBy(() -> TrustedConfig.load(conf, ROOT)).isInstanceOf(ConfigLocator.RefusedException.class)
                .hasMessageStartingWith("refusing to run as root with a configuration that others can change:")
                .hasMessageContaining(yml + ":2:5: plugin: " + plugin + ": owned by uid 4242")
                .hasMessageContaining(yml + ":2:5: plugin: " + opt + ": owned by root (uid 0), mode 0775")
                .hasMessageContaining(yml + ":2:5: start_command: " + opt + ": owned by root (uid 0), mode 0775");
    }

    @Test
    void anOrdinaryUserRunsWhatItLikes() throws Exception {
        Files.setAttribute(opt.resolve("check_app"), "unix:uid", OTHER_UID);
        smartYml("""
                  - name: app
                    procs: { min: 0, max: 0 }
                    plugin: %s/check_app
                """.formatted(opt));

        assertThat(TrustedConfig.load(conf, new Invocation(1000, null, Map.of())).services()).hasSize(1);
    }
}
