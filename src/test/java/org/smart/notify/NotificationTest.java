package org.smart.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smart.notify.Fixtures.T0;
import static org.smart.notify.Fixtures.problem;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void idsAreUniqueSortByTimeAndAreSafeInFileNames() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Notification.newId(T0));
        }

        assertThat(ids).hasSize(1000).allMatch(id -> id.matches("20250301T100000\\.000Z-[0-9a-f]{8}"));
        assertThat(Notification.newId(T0.plusMillis(1))).isGreaterThan(Notification.newId(T0));
    }

    @Test
    void rejectsAnIdThatCouldEscapeTheSpoolDirectory() {
        assertThatThrownBy(() -> new Notification("../../etc/x", NotificationKind.GENERAL, "h", null, "s", "b",
                Map.of(), T0)).hasMessageContaining("'../../etc/x'");
    }

    @Test
    void survivesTheRoundTripThroughASpoolEntry() {
        Notification n = problem(T0);
        PendingDelivery entry = new PendingDelivery(Path.of("f.json"), "mail", n, 2, T0.plusSeconds(60), "refused");

        PendingDelivery read = PendingDelivery.fromJson(entry.file(), entry.toJson());

        assertThat(read).isEqualTo(entry);
        assertThat(read.notification().details().keySet()).containsExactly("status", "state", "final state");
    }
}
