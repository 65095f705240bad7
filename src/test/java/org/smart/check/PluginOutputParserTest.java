package org.smart.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PluginOutputParserTest {

    /** One table row: the plugin's output and what it should come apart into (perfdata in plugin notation). */
    record Case(String name, String output, String text, String longOutput, List<String> perfData) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("text only", "OK - all fine\n", "OK - all fine", "", List.of()),
                new Case("empty output", "", "", "", List.of()),
                new Case("control characters are shown as escapes, TABs stay",
                        "OK \u001b[2J\u001b]0;pwned\u0007 nul:\0: | a=1\nlong\tline \u0085\n",
                        "OK \\x{1B}[2J\\x{1B}]0;pwned\\x{7} nul:\\0:", "long\tline \\x{85}", List.of("a=1")),
                new Case("null output", null, "", "", List.of()),
                new Case("perfdata on the first line", "PING OK - rta 0.05ms | rta=0.050000ms;100.000000;500.000000;0.000000 pl=0%;20;60;0",
                        "PING OK - rta 0.05ms", "", List.of("rta=0.05ms;100;500;0", "pl=0%;20;60;0")),
                new Case("Nagios documentation example: long output and perfdata on later lines",
                        "DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n"
                                + "/ 15272 MB (77%);\n"
                                + "/boot 68 MB (69%);\n"
                                + "/home 69357 MB (27%);\n"
                                + "/var/log 819 MB (84%); | /boot=68MB;88;93;0;98\n"
                                + "/home=69357MB;253404;253409;0;253414 \n"
                                + "/var/log=818MB;970;975;0;980\n",
                        "DISK OK - free space: / 3326 MB (56%);",
                        "/ 15272 MB (77%);\n/boot 68 MB (69%);\n/home 69357 MB (27%);\n/var/log 819 MB (84%);",
                        List.of("/=2643MB;5948;5958;0;5968", "/boot=68MB;88;93;0;98", "/home=69357MB;253404;253409;0;253414",
                                "/var/log=818MB;970;975;0;980")),
                new Case("long output only", "WARNING - load high\nload1 5.2\nload5 3.1\n", "WARNING - load high",
                        "load1 5.2\nload5 3.1", List.of()),
                new Case("a table in long output is not perfdata", "OK\n| name | state |\n| db | up |", "OK",
                        "| name | state |\n| db | up |", List.of()),
                new Case("perfdata starts on a line of its own", "OK\ndetail\n| a=1 b=2\nc=3", "OK", "detail",
                        List.of("a=1", "b=2", "c=3")),
                new Case("quoted labels", "OK | 'free space'=5GB;1:;0.5:;0; 'it''s'=3 'a=b'=1 '/var/log'=2",
                        "OK", "", List.of("'free space'=5GB;1:;0.5:;0", "'it''s'=3", "'a=b'=1", "/var/log=2")),
                new Case("units", "OK | time=0.1s t=12us ms=3ms size=12B mem=1.5KB big=2TB pct=99.5% count=5c",
                        "OK", "", List.of("time=0.1s", "t=12us", "ms=3ms", "size=12B", "mem=1.5KB", "big=2TB",
                        "pct=99.5%", "count=5c")),
                new Case("empty and missing fields", "OK | a=1;;;; b=2;;5 c=3;~:10;@1:2;0;100 d=-4.5;;;-10",
                        "OK", "", List.of("a=1", "b=2;;5", "c=3;~:10;@1:2;0;100", "d=-4.5;;;-10")),
                new Case("an undetermined value", "UNKNOWN | temp=U;50;60", "UNKNOWN", "", List.of("temp=U;50;60")),
                new Case("malformed items are skipped, the good ones kept",
                        "OK | good=1 bad=abc =5 x=1;2;3;4;5;6 y=1;a z=1x2 noequals w=2;3;1:0 last=7",
                        "OK", "", List.of("good=1", "last=7")),
                new Case("an unclosed quote ends the perfdata", "OK | a=1 'open=2 b=3", "OK", "", List.of("a=1")),
                new Case("CRLF line ends", "OK | a=1\r\nmore\r\n", "OK", "more", List.of("a=1")),
                new Case("perfdata without text", "| a=1", "", "", List.of("a=1")),
                new Case("blanks around the bar", "  CRITICAL - down   |   a=1   ", "CRITICAL - down", "", List.of("a=1")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void takesOutputApart(Case c) {
        PluginOutput parsed = PluginOutputParser.parse(c.output());

        assertThat(parsed.text()).isEqualTo(c.text());
        assertThat(parsed.longOutput()).isEqualTo(c.longOutput());
        assertThat(parsed.perfData()).extracting(PerfDatum::toPerfData).containsExactlyElementsOf(c.perfData());
        assertThat(parsed.raw()).isEqualTo(c.output() == null ? "" : c.output());
    }

    @Test
    void keepsEveryFieldOfAnItem() {
        PluginOutput parsed = PluginOutputParser.parse("OK | 'disk /'=2643.5MB;5948;@10:20;0;5968");

        assertThat(parsed.perfData()).containsExactly(new PerfDatum("disk /", 2643.5, "MB", Range.parse("5948"),
                Range.parse("@10:20"), 0.0, 5968.0));
    }

    @Test
    void anUndeterminedValueIsNotKnown() {
        PerfDatum datum = PluginOutputParser.parse("X | t=U").perfData().get(0);

        assertThat(datum.valueKnown()).isFalse();
        assertThat(datum.warn()).isNull();
        assertThat(datum.min()).isNull();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void writtenPerfDataReadsBackTheSame(Case c) {
        List<PerfDatum> parsed = PluginOutputParser.parse(c.output()).perfData();
        String written = String.join(" ", parsed.stream().map(PerfDatum::toPerfData).toList());

        assertThat(PluginOutputParser.parse("X | " + written).perfData()).isEqualTo(parsed);
    }
}
