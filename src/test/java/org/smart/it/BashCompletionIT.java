package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.packaging.BashCompletion;
import org.smart.packaging.PackageDocs;

/**
 * The generated bash completion, sourced by a real bash and driven as bash drives it (COMP_WORDS,
 * COMP_CWORD), with the real launcher answering {@code smart config names}: commands and options come from
 * picocli's part, service names from the configuration the command line names.
 */
class BashCompletionIT {

    private static final Path DEMO = SmartCli.HOME.resolve("examples/demo");

    @TempDir
    static Path dir;
    private static Path script;

    @BeforeAll
    static void writeScript() throws IOException {
        script = Files.writeString(dir.resolve("smart"), BashCompletion.render(PackageDocs.fullCommandLine("test")));
    }

    @Test
    void completesSubcommandsFromThePicocliModel() {
        assertThat(complete(Map.of(), "smart", "con")).containsExactly("config");
        assertThat(complete(Map.of(), "smart", "config", "ch")).containsExactly("check");
        assertThat(complete(Map.of(), "smart", "--dr")).containsExactly("--dry-run");
    }

    @Test
    void completesServiceNamesFromTheConfigurationGivenWithConf() {
        assertThat(complete(Map.of(), "smart", "--conf", DEMO.toString(), "reset", ""))
                .containsExactlyInAnyOrder("web", "api", "worker", "disk");
        assertThat(complete(Map.of(), "smart", "-c", DEMO.toString(), "-d", "w"))
                .containsExactlyInAnyOrder("web", "worker");
    }

    @Test
    void completesServiceNamesFromSmartConf() {
        assertThat(complete(Map.of("SMART_CONF", DEMO.toString()), "smart", "reset", "a")).containsExactly("api");
    }

    @Test
    void offersNoServiceNameWhereACommandTakesNone() {
        // config check takes no NAME: its completion is picocli's (options), never the services
        assertThat(complete(Map.of("SMART_CONF", DEMO.toString()), "smart", "config", "check", "-"))
                .contains("--conf", "--help").doesNotContain("web");
        assertThat(complete(Map.of("SMART_CONF", DEMO.toString()), "smart", "config", "check", "w")).isEmpty();
    }

    /** What bash would offer for the last word, with the launcher of this tree standing for 'smart'. */
    private static List<String> complete(Map<String, String> env, String... words) {
        String[] quoted = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            String word = i == 0 ? SmartCli.LAUNCHER.toString() : words[i];
            quoted[i] = "'" + word.replace("'", "'\\''") + "'";
        }
        String driver = "source '" + script + "'\n"
                + "COMP_WORDS=(" + String.join(" ", quoted) + "); COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
                + "_smart_complete smart \"${COMP_WORDS[COMP_CWORD]}\" 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        SmartCli.Result result = SmartCli.exec(List.of("bash", "-c", driver), env);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out().lines().filter(line -> !line.isEmpty()).toList();
    }
}
