package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.state.ServiceRuntimeState;
import org.smart.state.StateStore;

class StatusReportTest {

    @TempDir
    Path stateDir;

    @Test
    void readsTheSavedStateWithTheLiveViewInTheDaemonsOrder() throws Exception {
        new StateStore(stateDir).save(Map.of("web", Fixtures.givenUp(7), "db", ServiceRuntimeState.fresh("x")));
        new LiveView(4242, "2024-03-01T12:00:00Z", "/etc/smart", "2024-03-01T12:01:00Z", List.of(
                new LiveView.Service("web", "0 processes of 'sleep', expected 1", null, "2024-03-01T12:02:00Z"),
                new LiveView.Service("db", null, null, null))).write(stateDir);

        StatusReport report = StatusReport.read(stateDir, List.of(Fixtures.service("db"), Fixtures.service("web")));

        assertThat(report.daemonRunning()).as("no lock is held").isFalse();
        assertThat(report.exitCode()).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(report.json());
        assertThat(json.path("services").findValuesAsText("name")).containsExactly("web", "db");
        JsonNode web = json.path("services").get(0);
        assertThat(web.path("status").asInt()).isEqualTo(3);
        assertThat(web.path("state").asText()).isEqualTo("DOWN");
        assertThat(web.path("state_type").asText()).isEqualTo("HARD");
        assertThat(web.path("flapping").asBoolean()).isFalse();
        assertThat(web.path("flapping_value").asDouble()).isEqualTo(5.9);
        assertThat(web.path("given_up").asBoolean()).isTrue();
        assertThat(web.path("restarts").asInt()).isEqualTo(3);
        assertThat(web.path("check_count").asLong()).isEqualTo(7);
        assertThat(web.path("last_check").asText()).isEqualTo("2024-03-01T12:00:00Z");
        assertThat(web.path("reason").asText()).isEqualTo("0 processes of 'sleep', expected 1");
        assertThat(json.path("services").get(1).path("status").isNull()).isTrue();
        assertThat(json.path("services").get(1).path("last_check").isNull()).isTrue();
        assertThat(report.table()).startsWith("daemon NOT running; last saved state in " + stateDir)
                .contains("GIVEN UP, run 'smart reset web'; 0 processes of 'sleep', expected 1");
    }

    @Test
    void theSameViewAsPrometheusMetrics() throws Exception {
        new StateStore(stateDir).save(Map.of("web", Fixtures.givenUp(7), "db", ServiceRuntimeState.fresh("x")));

        String metrics = StatusReport.read(stateDir, List.of(Fixtures.service("web"), Fixtures.service("db"))).metrics();

        assertThat(metrics.lines().filter(line -> !line.startsWith("#"))).containsExactly(
                "smart_daemon_running 0",
                "smart_service_status{service=\"web\"} 3",
                "smart_service_state{service=\"web\",state=\"OK\"} 0",
                "smart_service_state{service=\"web\",state=\"WARN\"} 0",
                "smart_service_state{service=\"web\",state=\"DOWN\"} 1",
                "smart_service_state{service=\"web\",state=\"UNREACHABLE\"} 0",
                "smart_service_state_hard{service=\"web\"} 1",
                "smart_service_flapping{service=\"web\"} 0",
                "smart_service_flapping{service=\"db\"} 0",
                "smart_service_flapping_percent{service=\"web\"} 5.9",
                "smart_service_flapping_percent{service=\"db\"} 0",
                "smart_service_given_up{service=\"web\"} 1",
                "smart_service_given_up{service=\"db\"} 0",
                "smart_service_restarts{service=\"web\"} 3",
                "smart_service_restarts{service=\"db\"} 0",
                "smart_service_checks_total{service=\"web\"} 7",
                "smart_service_checks_total{service=\"db\"} 0",
                "smart_service_last_check_timestamp_seconds{service=\"web\"} 1709294400");
        assertThat(metrics).contains("# TYPE smart_service_checks_total counter\n",
                "# HELP smart_service_status Latest status of the service: 0-1 OK, 2 WARN, 3-4 DOWN (see the status table).\n");
    }

    @Test
    void aRunningDaemonIsSeenByItsLock() throws Exception {
        new StateStore(stateDir).save(Map.of("db", ServiceRuntimeState.fresh("x")));
        try (DaemonLock lock = DaemonLock.tryAcquire(stateDir).orElseThrow()) {
            StatusReport report = StatusReport.read(stateDir, List.of());

            assertThat(report.daemonPid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(report.exitCode()).isZero();
            assertThat(report.table()).startsWith("daemon running (pid " + ProcessHandle.current().pid() + ")");
        }
    }
}
