package org.smart.output;

import java.util.Locale;
import java.util.stream.Collectors;
import org.smart.check.ServiceCheck;
import org.smart.model.ServiceSpec;
import org.smart.oneshot.HostReport;
import org.smart.oneshot.RunReport;
import org.smart.oneshot.ServiceReport;
import org.smart.policy.Action;

/** The run as people read it: one line per service, then what was done and sent. */
public final class TableReport {

    private static final int CHECK_WIDTH = 70;

    private TableReport() {
    }

    public static String render(RunReport report) {
        TextTable table = new TextTable("SERVICE", "STATUS", "STATE", "PROCS", "PID FILE", "CHECK", "ACTION", "AFTER");
        for (ServiceReport service : report.services()) {
            ServiceCheck before = service.before();
            table.add(service.name(), before.statusText(), before.state().name(),
                    procs(before), pidFile(before), clip(before.reason()), action(service, report.options().dryRun()),
                    after(service));
        }
        StringBuilder out = new StringBuilder(table.render());
        for (HostReport host : report.hosts()) {
            if (!host.up() || !host.detail().equals("connected")) {
                out.append("host ").append(host.name()).append(' ').append(host.stateName()).append(": ")
                        .append(host.detail()).append('\n');
            }
        }
        for (ServiceReport service : report.services()) {
            appendDetails(out, service);
        }
        report.deliveries().forEach(line -> out.append(line).append('\n'));
        if (report.reboot() != null) {
            out.append(report.reboot()).append('\n');
        }
        return out.toString();
    }

    private static void appendDetails(StringBuilder out, ServiceReport service) {
        if (service.isBusy()) {
            out.append(service.name()).append(": busy, ").append(service.busy()).append("; not acted on\n");
        }
        if (!service.planned().isEmpty()) {
            out.append(service.name()).append(": would ").append(String.join("; ", service.planned())).append('\n');
        }
        if (service.restart() != null) {
            out.append(service.name()).append(": ").append(String.join("; ", service.restart().steps())).append('\n');
        }
    }

    private static String procs(ServiceCheck check) {
        ServiceSpec spec = check.spec();
        if (!spec.hasProcessTest()) {
            return "-";
        }
        String bounds = spec.minProcs() == spec.maxProcs() ? String.valueOf(spec.minProcs())
                : spec.minProcs() + "-" + spec.maxProcs();
        return check.processCount() + "/" + bounds;
    }

    private static String pidFile(ServiceCheck check) {
        return switch (check.pidFile().state()) {
            case NOT_DEFINED -> "-";
            case CORRECT -> "ok";
            default -> check.pidFile().state().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String action(ServiceReport service, boolean dryRun) {
        if (service.isBusy()) {
            return "busy";
        }
        if (service.actions().isEmpty()) {
            return "-";
        }
        String actions = service.actions().stream().sorted().map(a -> a.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("+"));
        return dryRun ? "would " + actions : actions;
    }

    private static String after(ServiceReport service) {
        if (!service.actions().contains(Action.RESTART) || service.restart() == null) {
            return service.before().state().name();
        }
        ServiceCheck after = service.after();
        return after.state().name() + " (" + after.statusText() + ")";
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= CHECK_WIDTH ? oneLine : oneLine.substring(0, CHECK_WIDTH - 1) + "…";
    }
}
