package org.smart.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;
import org.smart.action.RestartOutcome;
import org.smart.check.PerfDatum;
import org.smart.check.PluginOutput;
import org.smart.check.ServiceCheck;
import org.smart.model.ServiceSpec;
import org.smart.oneshot.HostReport;
import org.smart.oneshot.RunReport;
import org.smart.oneshot.ServiceReport;

/** The run for machines: one object with a {@code services} array (field names in snake_case). */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(RunReport report) {
        try {
            return MAPPER.writeValueAsString(Run.of(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    record Run(String host, String mode, boolean dryRun, int exitCode, List<Service> services,
               List<String> notifications, List<String> configProblems, String reboot, List<Host> hosts) {
        static Run of(RunReport report) {
            return new Run(report.host(), report.options().mode().name().toLowerCase(Locale.ROOT),
                    report.options().dryRun(), report.exitCode(),
                    report.services().stream().map(Service::of).toList(), report.deliveries(),
                    report.problems().stream().map(Object::toString).toList(), report.reboot(),
                    report.hosts().stream().map(Host::of).toList());
        }
    }

    /** A remote host: UP or DOWN, and why. */
    record Host(String name, String state, String detail) {
        static Host of(HostReport host) {
            return new Host(host.name(), host.stateName(), host.detail());
        }
    }

    /**
     * {@code status} and {@code final_status} are null for an UNREACHABLE service; {@code host} null locally;
     * {@code busy} says who repairs a service this run left alone, else null.
     */
    record Service(String name, String host, Integer status, String state, List<String> actions, Integer finalStatus,
                   String finalState, String output, Integer processes, PidFile pidFile, Check check,
                   List<String> planned, Restart restart, String busy) {
        static Service of(ServiceReport report) {
            ServiceCheck before = report.before();
            ServiceCheck after = report.after();
            return new Service(report.name(), before.spec().host(), code(before), before.state().name(),
                    report.actions().stream().sorted().map(a -> a.name().toLowerCase(Locale.ROOT)).toList(),
                    code(after), after.state().name(), before.reason(),
                    before.spec().hasProcessTest() && !before.isUnreachable() ? before.processCount() : null,
                    PidFile.of(before), Check.of(before), report.planned(), Restart.of(report.restart()),
                    report.busy());
        }

        private static Integer code(ServiceCheck check) {
            return check.isUnreachable() ? null : check.status().code();
        }
    }

    record PidFile(String path, String state, String detail) {
        static PidFile of(ServiceCheck check) {
            if (check.spec().pidFile() == null || check.isUnreachable()) {
                return null;
            }
            return new PidFile(check.spec().pidFile().toString(), check.pidFile().state().name().toLowerCase(Locale.ROOT),
                    check.pidFile().detail());
        }
    }

    record Check(String kind, String responsiveness, Integer exitCode, String output, String longOutput,
                 List<Perf> perfdata, long elapsedMs) {
        static Check of(ServiceCheck check) {
            if (check.isUnreachable()) {
                return null;
            }
            PluginOutput plugin = check.probe().plugin();
            return new Check(kind(check.spec()), check.probe().responsiveness().name().toLowerCase(Locale.ROOT),
                    check.spec().hasCheckCommand() ? check.probe().exitCode() : null,
                    plugin == null ? check.probe().summary() : plugin.text(),
                    plugin == null ? "" : plugin.longOutput(),
                    plugin == null ? List.of() : plugin.perfData().stream().map(Perf::of).toList(),
                    check.probe().elapsed().toMillis());
        }

        private static String kind(ServiceSpec spec) {
            return spec.hasPlugin() ? "plugin" : spec.hasCheckScript() ? "script" : spec.hasPort() ? "port" : "none";
        }
    }

    record Perf(String label, double value, String uom, String warn, String crit, Double min, Double max) {
        static Perf of(PerfDatum datum) {
            return new Perf(datum.label(), datum.value(), datum.unit(), text(datum.warn()), text(datum.crit()),
                    datum.min(), datum.max());
        }

        private static String text(Object range) {
            return range == null ? null : range.toString();
        }
    }

    record Restart(List<String> steps, boolean succeeded, long elapsedMs) {
        static Restart of(RestartOutcome outcome) {
            return outcome == null ? null
                    : new Restart(outcome.steps(), outcome.succeeded(), outcome.elapsed().toMillis());
        }
    }
}
