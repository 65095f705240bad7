package org.smart.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smart.notify.Notification;
import org.smart.notify.NotificationKind;

/** The one text of the reboot notification, whoever reboots. */
class RebootNoticeTest {

    @Test
    void namesWhoAskedTheCommandAndEveryServiceAsFoundStatesInTheirUsualOrder() {
        Notification notice = RebootNotice.of("mail1", "/sbin/reboot", "alice", List.of(
                new RebootNotice.Line("web", "DOWN", "4", "port 80: connection refused"),
                new RebootNotice.Line("cron", "STOPPED", "-", "not checked: stopped"),
                new RebootNotice.Line("db", "OK", "0", "1 process of 'postgres', expected 1")),
                Instant.parse("2026-12-04T21:00:00Z"));

        assertThat(notice.kind()).isEqualTo(NotificationKind.GENERAL);
        assertThat(notice.subject()).isEqualTo("[SMART] mail1: rebooting now (--reboot by alice)");
        assertThat(notice.details()).containsEntry("action", "reboot").containsEntry("summary", "1 OK, 1 DOWN, 1 STOPPED");
        assertThat(notice.body()).startsWith("SMART is rebooting mail1 with '/sbin/reboot', as alice asked (--reboot).\n")
                .contains("Services before the reboot: 1 OK, 1 DOWN, 1 STOPPED")
                .contains("  web                  DOWN  (status 4) port 80: connection refused\n");
    }
}
