package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.smart.testing.TestFiles;

/**
 * The shipped examples run out of the box on a Debian machine with monitoring-plugins (installed by
 * .ci/install-deps): the configuration checks clean, and the .nag wrappers reach real plugins, whose own
 * answers are what SMART shows. They run on a copy whose STATE_DIR is the test's, so the machine's
 * /var/lib/smart is never touched; nothing else of the example is changed.
 */
class ExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"classic", "yaml"})
    void theExampleChecksCleanAndItsWrappersReachDebiansPlugins(String example) throws IOException {
        Path conf = copyOfExamples().resolve(example);

        SmartCli.Result check = new SmartCli().run("config", "check", "--conf", conf.toString());
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).startsWith("configuration OK");

        JsonNode run = run(conf);
        assertThat(service(run, "disk").path("check").path("exit_code").asInt()).as(run.toString()).isBetween(0, 2);
        assertThat(service(run, "disk").path("output").asText()).matches("DISK (OK|WARNING|CRITICAL) - .*");
        // sshd runs here or not: either way the answer is check_ssh's own, not a wrapper that found nothing
        assertThat(service(run, "ssh").path("output").asText()).containsPattern("SSH OK|port 22")
                .doesNotContain("UNKNOWN");
    }

    @Test
    void aPluginInPluginsDirComesBeforeDebiansCopy() throws IOException {
        Path conf = copyOfExamples().resolve("classic");
        TestFiles.executable(conf.resolve("plugins/check_disk"), "#!/bin/sh\necho 'DISK OK - the copy in plugins/'\n");

        assertThat(service(run(conf), "disk").path("output").asText()).isEqualTo("DISK OK - the copy in plugins/");
    }

    /** examples/classic and examples/yaml (whose plugins/ links to classic's) under tmp, with tmp's state directory. */
    private Path copyOfExamples() throws IOException {
        Path examples = tmp.resolve("examples");
        Files.createDirectories(examples);
        SmartCli.Result copied = SmartCli.exec(List.of("cp", "-a", SmartCli.HOME.resolve("examples/classic").toString(),
                SmartCli.HOME.resolve("examples/yaml").toString(), examples.toString()), Map.of());
        assertThat(copied.exitCode()).as(copied.toString()).isZero();
        Files.writeString(examples.resolve("classic/host.conf"), "STATE_DIR=" + tmp.resolve("state") + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path yaml = examples.resolve("yaml/smart.yml");
        Files.writeString(yaml, Files.readString(yaml).replace("settings:\n", "settings:\n  state_dir: "
                + tmp.resolve("state-yaml") + "\n"));
        return examples;
    }

    private static JsonNode run(Path conf) throws IOException {
        SmartCli.Result result = new SmartCli().run("--conf", conf.toString(), "--json");
        assertThat(result.exitCode()).as(result.toString()).isBetween(0, 2);
        return JSON.readTree(result.out());
    }

    private static JsonNode service(JsonNode run, String name) {
        for (JsonNode service : run.path("services")) {
            if (service.path("name").asText().equals(name)) {
                return service;
            }
        }
        throw new AssertionError("no service " + name + " in " + run);
    }
}
