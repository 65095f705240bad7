package org.smart.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuotingTest {

    @Test
    void safeWordsStayReadable() {
        assertThat(ShellQuoting.quote(List.of("/usr/lib/nagios/plugins/check_dummy", "0", "ok", "-w", "a=b,c:d@e%f+g")))
                .isEqualTo("/usr/lib/nagios/plugins/check_dummy 0 ok -w a=b,c:d@e%f+g");
    }

    @Test
    void everythingElseIsSingleQuoted() {
        assertThat(ShellQuoting.quote("")).isEqualTo("''");
        assertThat(ShellQuoting.quote("a b")).isEqualTo("'a b'");
        assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void theRealShellGetsBackExactlyTheWords() throws Exception {
        List<String> words = List.of("plain", "", "two words", "it's", "'", "''", "$HOME", "`id`", "$(id)", "\"q\"",
                "a;b", "a|b", "a&b", "*", "?", "~", "#x", "\\", "new\nline", "tab\there", "ünïcødé", "-n", "!", "{a,b}");

        assertThat(roundTrip(words)).isEqualTo(words);
    }

    @Test
    void nulCannotBeQuoted() {
        assertThatThrownBy(() -> ShellQuoting.quote("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    /** Runs {@code printf '%s\0' WORDS} in /bin/sh and splits its output on NUL. */
    private static List<String> roundTrip(List<String> words) throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", "printf '%s\\0' " + ShellQuoting.quote(words)).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).isZero();
        return Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1));
    }
}
