package org.smart.check;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One performance-data item, {@code 'label'=value[UOM];[warn];[crit];[min];[max]}.
 *
 * @param label the label, unquoted
 * @param value the value; NaN when the plugin wrote {@code U} (could not determine it)
 * @param unit  the unit of measurement ({@code s}, {@code %}, {@code B}, {@code MB}, {@code c}…), empty if none
 * @param warn  warning threshold, or null
 * @param crit  critical threshold, or null
 * @param min   smallest possible value, or null
 * @param max   largest possible value, or null
 */
public record PerfDatum(String label, double value, String unit, Range warn, Range crit, Double min, Double max) {

    public PerfDatum {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
    }

    public boolean valueKnown() {
        return !Double.isNaN(value);
    }

    /**
     * Parses the part after {@code label=}; throws {@link IllegalArgumentException} naming what is
     * wrong when it is malformed.
     */
    static PerfDatum parse(String label, String spec) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("empty label in '=" + spec + "'");
        }
        List<String> fields = Arrays.asList(spec.split(";", -1));
        int used = fields.size();
        while (used > 1 && fields.get(used - 1).isEmpty()) {
            used--;
        }
        if (used > 5) {
            throw new IllegalArgumentException(label + ": more than value;warn;crit;min;max in '" + spec + "'");
        }
        String valueText = fields.get(0);
        int numberLength = valueText.equals("U") ? 1 : PerfNumber.leadingLength(valueText);
        String unit = valueText.substring(numberLength);
        if (numberLength == 0 || unit.chars().anyMatch(Character::isDigit)) {
            throw new IllegalArgumentException(label + ": value '" + valueText + "' is not a number with a unit");
        }
        double value = valueText.equals("U") ? Double.NaN : PerfNumber.parse(valueText.substring(0, numberLength), label);
        return new PerfDatum(label, value, unit, range(fields, 1, used), range(fields, 2, used),
                number(fields, 3, used, label), number(fields, 4, used, label));
    }

    /** Back to plugin notation, the label quoted when it has to be. */
    public String toPerfData() {
        StringBuilder out = new StringBuilder(quotedLabel()).append('=')
                .append(valueKnown() ? PerfNumber.format(value) : "U").append(unit)
                .append(';').append(warn == null ? "" : warn)
                .append(';').append(crit == null ? "" : crit)
                .append(';').append(min == null ? "" : PerfNumber.format(min))
                .append(';').append(max == null ? "" : PerfNumber.format(max));
        int end = out.length();
        while (out.charAt(end - 1) == ';') {
            end--;
        }
        return out.substring(0, end);
    }

    private String quotedLabel() {
        boolean plain = label.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '=');
        return plain ? label : "'" + label.replace("'", "''") + "'";
    }

    private static Range range(List<String> fields, int index, int used) {
        return index < used && !fields.get(index).isEmpty() ? Range.parse(fields.get(index)) : null;
    }

    private static Double number(List<String> fields, int index, int used, String label) {
        return index < used && !fields.get(index).isEmpty() ? PerfNumber.parse(fields.get(index), label) : null;
    }
}
