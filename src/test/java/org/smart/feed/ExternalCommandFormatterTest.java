package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExternalCommandFormatterTest {

    private static final Instant T = Instant.ofEpochSecond(1795311930);
    private final ExternalCommandFormatter formatter = new ExternalCommandFormatter();

    private static PassiveResult service(String output, String longOutput, String perfdata) {
        return PassiveResult.service("lo", "svc01", 2, output, longOutput, perfdata, T);
    }

    @Test
    void serviceLineIsCheckBySshsFormat() {
        // The line check_by_ssh -O wrote in anchor-bench/BASELINE.md.
        assertThat(formatter.format(PassiveResult.service("lo", "svc01", 0, "OK: ok-svc01", "", "", T)))
                .isEqualTo("[1795311930] PROCESS_SERVICE_CHECK_RESULT;lo;svc01;0;OK: ok-svc01\n");
    }

    @Test
    void hostLine() {
        assertThat(formatter.format(PassiveResult.host("web01", PassiveResult.HOST_UNREACHABLE, "SSH refused", "", "", T)))
                .isEqualTo("[1795311930] PROCESS_HOST_CHECK_RESULT;web01;2;SSH refused\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
        // what                   # output               # long output       # perfdata                 # expected text and perfdata field
        "perfdata kept            # OK: 2 users          #                   # users=2;5;10;0           # OK: 2 users|users=2;5;10;0",
        "long output escaped      # DISK OK              # \"/ 40%\n/var 80%\" # root=40%;80;90         # DISK OK\\n/ 40%\\n/var 80%|root=40%;80;90",
        "CR LF is one break       # \"a\r\nb\"           #                   #                          # a\\nb",
        "lone CR is a break       # \"a\rb\"             #                   #                          # a\\nb",
        "NUL replaced             # \"a\u0000b\"         #                   #                          # a\uFFFDb",
        "ESC replaced             # \"a\u001b[31mb\"     #                   #                          # a\uFFFD[31mb",
        "NEL, LS replaced         # \"a\u0085b\u2028c\"  #                   #                          # a\uFFFDb\uFFFDc",
        "lone surrogate replaced  # \"a\uD800b\"         #                   #                          # a\uFFFDb",
        "TAB is a space           # \"a\tb\"             #                   #                          # a b",
        "pipe in text             # a|b                  # c|d               # x=1                      # a\u00A6b\\nc\u00A6d|x=1",
        "backslash doubled        # C:\\new\\n           #                   #                          # C:\\\\new\\\\n",
        "semicolon kept           # a;b;c                #                   # t=1s;2;3                 # a;b;c|t=1s;2;3",
        "perfdata over lines      # ok                   #                   # \"a=1\nb=2|c=3\"         # ok|a=1 b=2 c=3",
        "perfdata NUL, backslash  # ok                   #                   # \"'C:\\'=1\u0000\"       # ok|'C:\\\\'=1\uFFFD",
        "unicode kept             # Température 42 °C ✓  #                   #                          # Température 42 °C ✓",
    })
    void escapesTheTextAndPerfdata(String what, String output, String longOutput, String perfdata, String expected) {
        String line = formatter.format(service(output, longOutput, perfdata));
        assertThat(line).isEqualTo("[1795311930] PROCESS_SERVICE_CHECK_RESULT;lo;svc01;2;" + expected + "\n");
        assertThat(line.chars().filter(c -> c == '\n' || c == '\r' || c == 0)).as("one line, no CR or NUL").hasSize(1);
    }

    @Test
    void injectedCommandStaysInsideTheOutputField() {
        String evil = "ok\n[123] PROCESS_HOST_CHECK_RESULT;x;2;pwned";
        String line = formatter.format(service(evil, "\r\n[124] SHUTDOWN_PROCESS\u0000", ""));

        ParsedCommand parsed = ParsedCommand.parse(line.substring(0, line.length() - 1));
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(parsed.command()).isEqualTo("PROCESS_SERVICE_CHECK_RESULT");
        assertThat(parsed.host()).isEqualTo("lo");
        assertThat(parsed.service()).isEqualTo("svc01");
        assertThat(parsed.code()).isEqualTo(2);
        assertThat(parsed.text()).isEqualTo(evil + "\n\n[124] SHUTDOWN_PROCESS\uFFFD");
    }

    @Test
    void nagiosReadsBackWhatThePluginSaid() {
        // After Nagios's unescaping, the text is the plugin's, with only | and controls replaced.
        String output = "CRITICAL - 3 of 4 \\\\srv\\share mounts | down";
        String longOutput = "line 1 \\n is not a break\nline 2; with ;\ttab";
        PassiveResult r = service(output, longOutput, "mounts=3;;;0;4");

        ParsedCommand parsed = ParsedCommand.parse(formatter.format(r).stripTrailing());

        assertThat(parsed.text()).isEqualTo((output + "\n" + longOutput).replace('|', '\u00A6').replace('\t', ' '));
        assertThat(parsed.perfdata()).isEqualTo("mounts=3;;;0;4");
    }

    @Test
    void icinga2ReadsTheSameFields() {
        // Icinga 2 splits at every ';' and joins the surplus back into the last argument.
        String line = formatter.format(service("a;b", "c", "t=1;2;3")).stripTrailing();
        String[] argv = line.substring(line.indexOf("] ") + 2).split(";", -1);
        String output = String.join(";", Arrays.copyOfRange(argv, 4, argv.length));
        assertThat(argv[0]).isEqualTo("PROCESS_SERVICE_CHECK_RESULT");
        assertThat(argv[1]).isEqualTo("lo");
        assertThat(argv[2]).isEqualTo("svc01");
        assertThat(output.replace("\\n", "\n")).isEqualTo("a;b\nc|t=1;2;3");
    }

    @Test
    void longLinesAreCutToFitAndSaySo() throws Exception {
        String longOutput = ("é\\|\n").repeat(5000);
        String line = formatter.format(service("DISK CRITICAL", longOutput, "root=99%;80;90"), 4096);

        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isLessThanOrEqualTo(4096).isGreaterThan(3900);
        strictUtf8(bytes);
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line).startsWith("[1795311930] PROCESS_SERVICE_CHECK_RESULT;lo;svc01;2;DISK CRITICAL\\né\\\\");
        assertThat(line).endsWith("\\n[SMART: output cut to fit a 4096-byte command line]|root=99%;80;90\n");
        // The cut never leaves half an escape: what precedes the note is whole escaped characters.
        String kept = line.substring(0, line.indexOf("\\n[SMART:"));
        int trailingBackslashes = kept.length() - kept.replaceAll("\\\\+$", "").length();
        assertThat(trailingBackslashes % 2).as("no half escape before the note").isZero();
        assertThat(ParsedCommand.parse(line.stripTrailing()).text()).startsWith("DISK CRITICAL\né\\\u00A6\n");
    }

    @Test
    void hugePerfdataIsDroppedToKeepTheOutput() {
        String line = formatter.format(service("OK", "", "x=1 ".repeat(1200)), 4096);
        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(line).endsWith(";2;OK\\n[SMART: output cut and perfdata dropped to fit a 4096-byte command line]\n");
    }

    @Test
    void aHugeFirstLineIsCutToo() {
        String line = formatter.format(service("x".repeat(10_000), "", ""), 4096);
        assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(4096);
        assertThat(line).contains(";2;xxxx").endsWith("x\\n[SMART: output cut to fit a 4096-byte command line]\n");
    }

    @Test
    void lineLimitMustLeaveRoomForTheLongestNames() {
        assertThatThrownBy(() -> formatter.format(service("a", "", ""), 1000))
                .hasMessage("line limit must be at least 2512 bytes, not 1000");
        String longest = "h".repeat(NameValidator.MAX_BYTES);
        String line = formatter.format(PassiveResult.service(longest, longest, 0, "y".repeat(5000), "", "", T),
                ExternalCommandFormatter.MIN_LINE_BYTES);
        assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(ExternalCommandFormatter.MIN_LINE_BYTES);
    }

    private static void strictUtf8(byte[] bytes) throws CharacterCodingException {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
    }
}
