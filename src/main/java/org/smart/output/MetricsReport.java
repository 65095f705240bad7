package org.smart.output;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smart.check.PerfDatum;
import org.smart.check.PluginOutput;
import org.smart.check.ServiceCheck;
import org.smart.check.State;
import org.smart.oneshot.HostReport;
import org.smart.oneshot.RunReport;
import org.smart.oneshot.ServiceReport;
import org.smart.output.PrometheusText.Sample;
import org.smart.output.PrometheusText.Type;

/**
 * A one-shot run as Prometheus metrics, for node_exporter's textfile collector when SMART runs from
 * cron: each service's status and state before any action, its status after, whether it was
 * restarted, and its plugin's performance data. A service whose host could not be reached has a state
 * (UNREACHABLE) but no status.
 */
public final class MetricsReport {

    private MetricsReport() {
    }

    public static String render(RunReport report, Instant finishedAt) {
        List<ServiceReport> services = report.services();
        return new PrometheusText()
                .single("smart_run_exit_code", Type.GAUGE, "Exit status of the run: 0 OK, 1 WARN, 2 DOWN, 3 UNKNOWN.",
                        report.exitCode())
                .single("smart_run_timestamp_seconds", Type.GAUGE, "When the run finished, in seconds since the epoch.",
                        finishedAt.toEpochMilli() / 1000.0)
                .family("smart_service_status", Type.GAUGE,
                        "Status found by the check: 0-1 OK, 2 WARN, 3-4 DOWN (see the status table).",
                        services, MetricsReport::service, s -> status(s.before()))
                .family("smart_service_state", Type.GAUGE, "State found by the check: 1 for the current one.",
                        stateSamples(services))
                .family("smart_service_final_status", Type.GAUGE, "Status after SMART's actions (the check's, if none).",
                        services, MetricsReport::service, s -> status(s.after()))
                .family("smart_service_restarted", Type.GAUGE, "1 when this run restarted the service.",
                        services, MetricsReport::service, s -> s.restarted() ? 1 : 0)
                .family("smart_service_perfdata", Type.GAUGE,
                        "Performance data of the service's plugin, by label and unit of measure as the plugin gave them.",
                        perfSamples(services))
                .family("smart_host_up", Type.GAUGE, "1 when SMART reached the remote host.",
                        report.hosts(), host -> Map.of("host", host.name()), (HostReport host) -> host.up() ? 1 : 0)
                .render();
    }

    private static Map<String, String> service(ServiceReport report) {
        return Map.of("service", report.name());
    }

    private static Integer status(ServiceCheck check) {
        return check.isUnreachable() ? null : check.status().code();
    }

    private static List<Sample> stateSamples(List<ServiceReport> services) {
        List<Sample> samples = new ArrayList<>();
        for (ServiceReport report : services) {
            samples.addAll(PrometheusText.stateSet(service(report), "state", State.NAMES, report.before().state().name()));
        }
        return samples;
    }

    private static List<Sample> perfSamples(List<ServiceReport> services) {
        List<Sample> samples = new ArrayList<>();
        for (ServiceReport report : services) {
            PluginOutput plugin = report.before().isUnreachable() ? null : report.before().probe().plugin();
            if (plugin == null) {
                continue;
            }
            for (PerfDatum datum : plugin.perfData()) {
                samples.add(new Sample(labels("service", report.name(), "label", datum.label(), "unit", datum.unit()),
                        datum.value()));
            }
        }
        return samples;
    }

    private static Map<String, String> labels(String... namesAndValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            labels.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return labels;
    }
}
