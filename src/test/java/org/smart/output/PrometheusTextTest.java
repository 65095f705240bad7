package org.smart.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.smart.output.PrometheusText.Sample;
import org.smart.output.PrometheusText.Type;

class PrometheusTextTest {

    /** A sample line of the text format: name, optional labels with escaped values, value. */
    private static final Pattern SAMPLE_LINE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*\\})? \\S+");

    @Test
    void familiesAreWrittenWholeWithHelpAndType() {
        String text = new PrometheusText()
                .single("smart_daemon_running", Type.GAUGE, "Whether it runs.", 1)
                .family("smart_service_checks_total", Type.COUNTER, "Checks.",
                        List.of(new Sample(Map.of("service", "web"), 7), new Sample(Map.of("service", "db"), 0)))
                .render();

        assertThat(text).isEqualTo("""
                # HELP smart_daemon_running Whether it runs.
                # TYPE smart_daemon_running gauge
                smart_daemon_running 1
                # HELP smart_service_checks_total Checks.
                # TYPE smart_service_checks_total counter
                smart_service_checks_total{service="web"} 7
                smart_service_checks_total{service="db"} 0
                """);
    }

    @Test
    void noLabelValueCanBreakItsLine() {
        String nasty = "a\"b\\c\nsmart_daemon_running 0";
        String text = new PrometheusText().family("m", Type.GAUGE, "help with\na newline and \\",
                List.of(new Sample(Map.of("service", nasty), 1))).render();

        assertThat(text.lines()).containsExactly("# HELP m help with\\na newline and \\\\", "# TYPE m gauge",
                "m{service=\"a\\\"b\\\\c\\nsmart_daemon_running 0\"} 1");
        assertThat(text.lines().skip(2)).allMatch(line -> SAMPLE_LINE.matcher(line).matches());
    }

    @Test
    void wholeNumbersHaveNoFractionAndOthersArePlainDecimals() {
        assertThat(PrometheusText.number(1_700_000_000)).isEqualTo("1700000000");
        assertThat(PrometheusText.number(37.5)).isEqualTo("37.5");
        assertThat(PrometheusText.number(1_700_000_000.25)).isEqualTo("1700000000.25");
        assertThat(PrometheusText.number(0.000001)).isEqualTo("0.000001");
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    }

    @Test
    void badNamesAreRefused() {
        assertThatThrownBy(() -> new PrometheusText().single("smart-service", Type.GAUGE, "x", 1))
                .hasMessageContaining("metric name");
        assertThatThrownBy(() -> new Sample(Map.of("__name__", "x"), 1)).hasMessageContaining("label name");
    }
}
