package org.smart.oneshot;

import org.smart.check.PluginOutput;
import org.smart.check.ServiceCheck;

/** The body of a per-service notification: what was found, what was done, and the state after. */
final class ServiceMessageBody {

    private ServiceMessageBody() {
    }

    static String of(String host, ServiceReport report) {
        ServiceCheck before = report.before();
        StringBuilder body = new StringBuilder();
        line(body, "Host", host);
        line(body, "Service", report.name());
        line(body, "Status", before.statusText() + " (" + before.state() + ")");
        line(body, "Reason", before.reason());
        line(body, "Processes", processes(before));
        line(body, "Pid file", before.pidFile().detail());
        PluginOutput plugin = before.probe().plugin();
        if (plugin != null) {
            line(body, "Check output", plugin.text());
            if (!plugin.longOutput().isEmpty()) {
                body.append(plugin.longOutput().strip().indent(2));
            }
        }
        if (report.restarted()) {
            line(body, "Action", "restart");
            report.restart().steps().forEach(step -> body.append("  - ").append(step).append('\n'));
            ServiceCheck after = report.after();
            line(body, "After", "status " + after.statusText() + " (" + after.state() + "): " + after.reason());
        } else {
            line(body, "Action", "none (notification only)");
            line(body, "After", before.state().name());
        }
        line(body, "Checked at", before.checkedAt().toString());
        return body.toString();
    }

    private static String processes(ServiceCheck check) {
        if (!check.spec().hasProcessTest()) {
            return "no process test";
        }
        return check.processCount() + " (expected " + check.spec().minProcs() + "-" + check.spec().maxProcs() + ")";
    }

    private static void line(StringBuilder body, String label, String value) {
        body.append(String.format("%-13s %s%n", label + ":", value == null ? "" : value));
    }
}
