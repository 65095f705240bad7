package org.smart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smart.control.ControlReply;
import org.smart.control.RebootAnswer;
import org.smart.control.ServiceOutcome;

/** A handed-over {@code --reboot}: what the command line prints of the daemon's answer, and its exit status. */
class DaemonRequestRebootTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static ServiceOutcome found(String name, String state, int status) {
        return new ServiceOutcome(name, true, state + ": as checked", state, status, "as checked", List.of());
    }

    private int show(List<ServiceOutcome> services, RebootAnswer answer) {
        return DaemonRequest.showReboot(ControlReply.rebooting(services, answer), false, new PrintWriter(out, true),
                new PrintWriter(err, true));
    }

    @Test
    void aRebootThatRanExitsByTheServicesStatesAndSaysWhatHappened() {
        int exit = show(List.of(found("web", "OK", 0), found("db", "WARN", 2)), new RebootAnswer(true,
                "reboot: ran '/sbin/reboot'", List.of("command: delivered 42"), false, "automatic restarts held"));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("""
                web: OK: as checked
                db: WARN: as checked
                notification command: delivered 42
                reboot: ran '/sbin/reboot'
                automatic restarts held
                """);
    }

    @Test
    void aNotificationLeftInTheSpoolIsAWarningAndAFailedRebootCritical() {
        RebootAnswer spooled = new RebootAnswer(true, "reboot: ran '/sbin/reboot'",
                List.of("mail: failed 42: refused; kept in spool at /var/lib/smart/spool"), true, "held");
        assertThat(show(List.of(found("web", "OK", 0)), spooled)).isEqualTo(1);

        RebootAnswer failed = new RebootAnswer(false, "reboot FAILED: '/sbin/reboot' exited 1: no", List.of(), false,
                "automatic restarts resumed: the reboot failed");
        assertThat(show(List.of(found("web", "OK", 0)), failed)).isEqualTo(2);
    }

    @Test
    void aRefusalIsUnknown() {
        int exit = DaemonRequest.showReboot(ControlReply.refused("a reboot is under way already"), false,
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("smart: reboot: a reboot is under way already\n");
    }
}
