package org.smart.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // text    | start     | end  | inside | canonical
            "10        | 0         | 10   | false  | 10",
            "10:       | 10        | inf  | false  | 10:",
            "~:10      | -inf      | 10   | false  | ~:10",
            "10:20     | 10        | 20   | false  | 10:20",
            "@10:20    | 10        | 20   | true   | @10:20",
            "@10       | 0         | 10   | true   | @10",
            "-5:-1     | -5        | -1   | false  | -5:-1",
            "0.5:1.25  | 0.5       | 1.25 | false  | 0.5:1.25",
            ":20       | 0         | 20   | false  | 20",
            "~:        | -inf      | inf  | false  | ~:",
            "1e3       | 0         | 1000 | false  | 1000"})
    void parsesEveryForm(String text, String start, String end, boolean inside, String canonical) {
        Range range = Range.parse(text);

        assertThat(range).isEqualTo(new Range(number(start), number(end), inside));
        assertThat(range).hasToString(canonical);
        assertThat(Range.parse(range.toString())).isEqualTo(range);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "10, -1, true", "10, 0, false", "10, 10, false", "10, 10.5, true",
            "10:, 9.9, true", "10:, 10, false", "10:, 1e9, false",
            "~:10, -1e9, false", "~:10, 10, false", "~:10, 11, true",
            "10:20, 9, true", "10:20, 10, false", "10:20, 20, false", "10:20, 21, true",
            "@10:20, 9, false", "@10:20, 10, true", "@10:20, 15, true", "@10:20, 20, true", "@10:20, 21, false"})
    void alertsLikeNagios(String range, double value, boolean alerts) {
        assertThat(Range.parse(range).alerts(value)).isEqualTo(alerts);
    }

    @ParameterizedTest
    @CsvSource({"10", "@10:20", "10:"})
    void anUnknownValueNeverAlerts(String range) {
        assertThat(Range.parse(range).alerts(Double.NaN)).isFalse();
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "''       | range '' is empty",
            "@        | range '@' is empty",
            "abc      | range 'abc': end 'abc' is not a number",
            "10:5     | range '10:5': start is above end",
            "x:5      | range 'x:5': start 'x' is not a number",
            "5:y      | range '5:y': end 'y' is not a number",
            "NaN      | range 'NaN': end 'NaN' is not a number",
            "10d      | range '10d': end '10d' is not a number",
            "1:2:3    | range '1:2:3': end '2:3' is not a number"})
    void rejectsMalformedRangesNamingThem(String text, String message) {
        assertThatThrownBy(() -> Range.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static double number(String text) {
        return switch (text) {
            case "inf" -> INF;
            case "-inf" -> -INF;
            default -> Double.parseDouble(text);
        };
    }
}
