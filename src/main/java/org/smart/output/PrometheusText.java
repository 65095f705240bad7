package org.smart.output;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Prometheus's text exposition format (version 0.0.4), as node_exporter's textfile collector and
 * Prometheus itself read it: each metric family once, its {@code # HELP} and {@code # TYPE} lines,
 * then all its samples together, label values escaped so that no name or reason can break a line.
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** A metric's kind, as the {@code # TYPE} line names it. */
    public enum Type { GAUGE, COUNTER }

    /** One sample: its labels, in order, and its value. */
    public record Sample(Map<String, String> labels, double value) {
        public Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            labels.keySet().forEach(PrometheusText::requireLabelName);
        }
    }

    private final StringBuilder text = new StringBuilder();

    /**
     * A state set: one sample per possible state, 1 for the current one, 0 for the others, each with
     * the given labels and {@code stateLabel}.
     */
    public static List<Sample> stateSet(Map<String, String> labels, String stateLabel, List<String> states,
            String current) {
        List<Sample> samples = new ArrayList<>(states.size());
        for (String state : states) {
            Map<String, String> withState = new LinkedHashMap<>(labels);
            withState.put(stateLabel, state);
            samples.add(new Sample(withState, state.equals(current) ? 1 : 0));
        }
        return samples;
    }

    /**
     * Adds a family with one sample per element of {@code of}.
     *
     * @param labels the sample's labels for an element
     * @param value  the sample's value for an element; an element whose value is {@code null} has no sample
     */
    public <T> PrometheusText family(String name, Type type, String help, List<T> of,
            Function<T, Map<String, String>> labels, Function<T, ? extends Number> value) {
        List<Sample> samples = new ArrayList<>();
        for (T element : of) {
            Number v = value.apply(element);
            if (v != null) {
                samples.add(new Sample(labels.apply(element), v.doubleValue()));
            }
        }
        return family(name, type, help, samples);
    }

    /** Adds a family with these samples. */
    public PrometheusText family(String name, Type type, String help, List<Sample> samples) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Prometheus metric name: " + name);
        }
        text.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type.name().toLowerCase(Locale.ROOT)).append('\n');
        for (Sample sample : samples) {
            text.append(name);
            appendLabels(sample.labels());
            text.append(' ').append(number(sample.value())).append('\n');
        }
        return this;
    }

    /** Adds a family of one sample without labels. */
    public PrometheusText single(String name, Type type, String help, double value) {
        return family(name, type, help, List.of(new Sample(Map.of(), value)));
    }

    public String render() {
        return text.toString();
    }

    private void appendLabels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        text.append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            text.append(first ? "" : ",").append(label.getKey()).append("=\"").append(escapeLabelValue(label.getValue()))
                    .append('"');
            first = false;
        }
        text.append('}');
    }

    private static void requireLabelName(String name) {
        if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("not a Prometheus label name: " + name);
        }
    }

    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Whole numbers without a fraction (counts), others in plain decimal notation (timestamps to the millisecond). */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
