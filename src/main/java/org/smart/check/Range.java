package org.smart.check;

/**
 * A Nagios threshold range: it alerts when a value lies outside {@code [start, end]}, or inside it
 * when written with a leading {@code @}. Both ends belong to the range.
 *
 * <pre>
 * 10      alert outside 0..10        10:     alert below 10
 * ~:10    alert above 10             10:20   alert outside 10..20
 * @10:20  alert inside 10..20
 * </pre>
 *
 * @param start       lower end, {@link Double#NEGATIVE_INFINITY} for {@code ~}
 * @param end         upper end, {@link Double#POSITIVE_INFINITY} when left open
 * @param alertInside true for the {@code @} form
 */
public record Range(double start, double end, boolean alertInside) {

    public Range {
        if (Double.isNaN(start) || Double.isNaN(end) || start > end) {
            throw new IllegalArgumentException("range start " + start + " is above its end " + end);
        }
    }

    /** Parses the Nagios notation; throws {@link IllegalArgumentException} naming the text when it is malformed. */
    public static Range parse(String text) {
        String spec = text.strip();
        boolean inside = spec.startsWith("@");
        if (inside) {
            spec = spec.substring(1);
        }
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("range '" + text + "' is empty");
        }
        int colon = spec.indexOf(':');
        double start = colon < 0 ? 0 : lower(spec.substring(0, colon), text);
        String endText = colon < 0 ? spec : spec.substring(colon + 1);
        double end = endText.isEmpty() ? Double.POSITIVE_INFINITY : PerfNumber.parse(endText, "range '" + text + "': end");
        if (start > end) {
            throw new IllegalArgumentException("range '" + text + "': start is above end");
        }
        return new Range(start, end, inside);
    }

    /** Whether {@code value} should raise this threshold's alert; an unknown value (NaN) never does. */
    public boolean alerts(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean within = start <= value && value <= end;
        return alertInside == within;
    }

    /** The Nagios notation, e.g. {@code 10}, {@code 10:}, {@code ~:10}, {@code @10:20}. */
    @Override
    public String toString() {
        String prefix = alertInside ? "@" : "";
        String high = end == Double.POSITIVE_INFINITY ? "" : PerfNumber.format(end);
        if (start == 0 && !high.isEmpty()) {
            return prefix + high;
        }
        return prefix + (start == Double.NEGATIVE_INFINITY ? "~" : PerfNumber.format(start)) + ":" + high;
    }

    private static double lower(String startText, String text) {
        if (startText.equals("~")) {
            return Double.NEGATIVE_INFINITY;
        }
        return startText.isEmpty() ? 0 : PerfNumber.parse(startText, "range '" + text + "': start");
    }
}
