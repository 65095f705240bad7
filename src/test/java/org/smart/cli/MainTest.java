package org.smart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.newCommandLine(args);
        commandLine.setErr(new PrintWriter(err));
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            sub.setErr(new PrintWriter(err));
        }
        return commandLine.execute(args);
    }

    @Test
    void twoActionsAreOneUsageErrorInTheActionsOwnWords() {
        assertThat(run("-w", "--reboot")).isEqualTo(SmartCommand.EXIT_USAGE);
        assertThat(err.toString()).startsWith("smart: use only one action: -w, -d (or both: -wd), --all or --reboot\n")
                .contains("Try 'smart --help'");
    }

    @Test
    void twoFormatsOfASubcommandAreNamedAsSuch() {
        assertThat(run("status", "--json", "--metrics")).isEqualTo(SmartCommand.EXIT_USAGE);
        assertThat(err.toString()).startsWith("smart: Error: --json, --metrics are mutually exclusive")
                .contains("Try 'smart status --help'");
    }
}
