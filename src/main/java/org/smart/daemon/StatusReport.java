package org.smart.daemon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.smart.check.State;
import org.smart.exec.DurationText;
import org.smart.model.ServiceSpec;
import org.smart.output.PrometheusText;
import org.smart.output.PrometheusText.Type;
import org.smart.output.TextTable;
import org.smart.process.ProcessUsage;
import org.smart.state.ServiceRuntimeState;
import org.smart.state.StateStore;

/**
 * The daemon's current view for {@code smart status}: the saved state of every service it monitors
 * (state.json, exactly what survives a crash), with the live details a running daemon adds
 * (status.json: reasons, the parent blocking a service, next checks). Only reads; never takes the
 * daemon's lock or moves a file.
 *
 * @param stateDir      where the state was read
 * @param daemonPid     the pid of the daemon running on it, or null when none runs
 * @param services      one row per service, in the daemon's order
 */
public record StatusReport(Path stateDir, Long daemonPid, List<Row> services) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One service.
     *
     * @param status        the latest status code (0-4), null before the first check
     * @param state         OK, WARN, DOWN or UNREACHABLE
     * @param stateType     SOFT while a problem is re-checked, else HARD
     * @param attempt       consecutive checks that saw the current problem
     * @param flappingValue weighted share of state changes over the last 20 results, in percent
     * @param restarts      automatic restarts counted against RESTART_LIMIT's N: those since the service was
     *                      last OK for M checks in a row after a restart
     * @param checkCount    results recorded since the state was created
     * @param lastCheck     when the latest check finished (ISO-8601), or null
     * @param blockedBy     the parent that is not OK, or null
     * @param reason        why it has its status, from a running daemon; null when not known
     * @param nextCheck     when it is checked next (ISO-8601), or null when not known
     * @param pid           its main (oldest) process, from a running daemon; null when none runs or not known
     * @param uptimeS       how long that process has run, in seconds, or null
     * @param rssBytes      the resident memory of all its processes, or null
     * @param mode          monitored, unmonitored, stopped or silenced (an operator's doing); null when not known
     * @param silencedUntil until when it is silenced (ISO-8601), or null
     */
    public record Row(String name, Integer status, String state, String stateType, int attempt, boolean flapping,
                      double flappingValue, boolean givenUp, int restarts, long checkCount, String lastCheck,
                      String blockedBy, String reason, String nextCheck, Integer pid, Long uptimeS, Long rssBytes,
                      String mode, String silencedUntil) {
    }

    /** What a service's state is called before its first check. */
    public static final String PENDING = "PENDING";

    /** What a running daemon adds to a service's saved state. */
    record Live(LiveView.Service view, ProcessUsage usage, ServiceMode mode) {
    }

    /** The view of the running daemon itself, for the control socket's {@code status}. */
    static StatusReport live(Path stateDir, Map<String, ServiceRuntimeState> states, Map<String, Live> live,
                             Instant now) {
        List<Row> rows = new ArrayList<>();
        states.forEach((name, state) -> {
            Live details = live.get(name);
            rows.add(row(name, state, details == null ? null : details.view(), details, now));
        });
        return new StatusReport(stateDir, ProcessHandle.current().pid(), rows);
    }

    /**
     * The view a running daemon sent ({@code status} on its control socket: {@code pid} and {@code services}).
     *
     * @throws IllegalArgumentException when it is not such a view
     */
    public static StatusReport fromDaemon(Path stateDir, com.fasterxml.jackson.databind.JsonNode body) {
        List<Row> rows = JSON.convertValue(body.path("services"),
                new com.fasterxml.jackson.core.type.TypeReference<List<Row>>() { });
        return new StatusReport(stateDir, body.path("pid").isNumber() ? body.path("pid").asLong() : null, rows);
    }

    /** Only the named services, in the order asked for; unknown names are the caller's to report. */
    public StatusReport only(List<String> names) {
        if (names.isEmpty()) {
            return this;
        }
        Map<String, Row> byName = services.stream().collect(Collectors.toMap(Row::name, Function.identity(), (a, b) -> a));
        return new StatusReport(stateDir, daemonPid, names.stream().map(byName::get).filter(java.util.Objects::nonNull)
                .toList());
    }

    public StatusReport {
        services = List.copyOf(services);
    }

    /**
     * Reads the state in {@code stateDir}.
     *
     * @param configured the configured services, for their order when no daemon left a view
     * @throws IOException when state.json cannot be read or understood
     */
    public static StatusReport read(Path stateDir, List<ServiceSpec> configured) throws IOException {
        Map<String, ServiceRuntimeState> states = new StateStore(stateDir).read();
        OptionalLong pid = DaemonLock.holder(stateDir);
        Map<String, LiveView.Service> live = LiveView.read(stateDir)
                .map(view -> view.services().stream().collect(Collectors.toMap(LiveView.Service::name,
                        Function.identity(), (a, b) -> a, LinkedHashMap::new)))
                .orElse(new LinkedHashMap<>());
        Map<String, ServiceMode> modes = savedModes(stateDir);
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>();
        for (String name : order(states, live, configured)) {
            Live details = new Live(live.get(name), ProcessUsage.NONE,
                    modes.getOrDefault(name, ServiceMode.MONITORED));
            rows.add(row(name, states.get(name), live.get(name), details, now));
        }
        return new StatusReport(stateDir, pid.isPresent() ? pid.getAsLong() : null, rows);
    }

    /** The operator's modes as saved; an unreadable file shows every service monitored (the daemon logs why). */
    private static Map<String, ServiceMode> savedModes(Path stateDir) {
        try {
            return new ModeStore(stateDir).load();
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** The daemon's order when it left a view, else the configuration's, else by name. */
    private static List<String> order(Map<String, ServiceRuntimeState> states, Map<String, LiveView.Service> live,
                                      List<ServiceSpec> configured) {
        List<String> order = new ArrayList<>();
        live.keySet().stream().filter(states::containsKey).forEach(order::add);
        configured.stream().map(ServiceSpec::name).filter(states::containsKey).filter(n -> !order.contains(n))
                .forEach(order::add);
        states.keySet().stream().filter(n -> !order.contains(n)).forEach(order::add);
        return order;
    }

    private static Row row(String name, ServiceRuntimeState s, LiveView.Service live, Live details, Instant now) {
        ProcessUsage usage = details == null ? ProcessUsage.NONE : details.usage();
        ServiceMode mode = details == null ? null : details.mode();
        boolean silenced = mode != null && mode.silencedAt(now);
        return new Row(name, RuntimeStates.lastStatus(s), s.checkCount() == 0 ? PENDING : s.check().state().name(),
                s.check().type().name(),
                s.check().attempt(), s.flapping().flapping(), s.flapping().percent(), s.restarts().givenUp(),
                s.restarts().counted(), s.checkCount(),
                s.lastCheck() == null ? null : s.lastCheck().toString(),
                live == null ? null : live.blockedBy(), live == null ? null : live.reason(),
                live == null ? null : live.nextCheck(), usage.pid(),
                usage.uptime() == null ? null : usage.uptime().toSeconds(), usage.rssBytes(),
                mode == null ? null : mode.describe(now), silenced ? mode.silencedUntil().toString() : null);
    }

    public boolean daemonRunning() {
        return daemonPid != null;
    }

    /** 0 all OK, 1 the worst is WARN, 2 some service is DOWN or UNREACHABLE. */
    public int exitCode() {
        int worst = 0;
        for (Row row : services) {
            if (row.state().equals(PENDING)) {
                continue; // not checked yet: nothing known to be wrong
            }
            worst = Math.max(worst, switch (State.valueOf(row.state())) {
                case OK -> 0;
                case WARN -> 1;
                case DOWN, UNREACHABLE -> 2;
            });
        }
        return worst;
    }

    public String json() {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("state_dir", stateDir.toString());
        Map<String, Object> daemon = new LinkedHashMap<>();
        daemon.put("running", daemonRunning());
        daemon.put("pid", daemonPid);
        top.put("daemon", daemon);
        top.put("services", services);
        try {
            return JSON.writeValueAsString(top) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }

    /**
     * The same view as Prometheus metrics, for node_exporter's textfile collector: one series per
     * service (label {@code service}), the state as a state set (label {@code state}, 1 for the current one).
     * A service not checked yet has no status, check time or state series.
     */
    public String metrics() {
        PrometheusText text = new PrometheusText()
                .single("smart_daemon_running", Type.GAUGE, "Whether a SMART daemon runs on this state directory.",
                        daemonRunning() ? 1 : 0)
                .family("smart_service_status", Type.GAUGE,
                        "Latest status of the service: 0-1 OK, 2 WARN, 3-4 DOWN (see the status table).",
                        services, StatusReport::service, Row::status)
                .family("smart_service_state", Type.GAUGE, "The service's state: 1 for the current one.",
                        stateSamples())
                .family("smart_service_state_hard", Type.GAUGE,
                        "1 when the state is confirmed (HARD), 0 while a problem is being re-checked (SOFT).",
                        services, StatusReport::service, row -> checked(row, row.stateType().equals("HARD") ? 1 : 0))
                .family("smart_service_flapping", Type.GAUGE, "1 while the service is flapping.",
                        services, StatusReport::service, row -> row.flapping() ? 1 : 0)
                .family("smart_service_flapping_percent", Type.GAUGE,
                        "Weighted share of state changes over the last 20 results, in percent.",
                        services, StatusReport::service, Row::flappingValue)
                .family("smart_service_given_up", Type.GAUGE,
                        "1 when SMART gave up restarting the service; 'smart reset NAME' resumes.",
                        services, StatusReport::service, row -> row.givenUp() ? 1 : 0)
                .family("smart_service_restarts", Type.GAUGE,
                        "Restarts counted against RESTART_LIMIT until the service has been OK for M checks in a row.",
                        services, StatusReport::service, Row::restarts)
                .family("smart_service_checks_total", Type.COUNTER, "Check results recorded since the state was created.",
                        services, StatusReport::service, Row::checkCount)
                .family("smart_service_last_check_timestamp_seconds", Type.GAUGE,
                        "When the latest check finished, in seconds since the epoch.",
                        services, StatusReport::service, StatusReport::lastCheckSeconds);
        return text.render();
    }

    private static Map<String, String> service(Row row) {
        return Map.of("service", row.name());
    }

    private List<PrometheusText.Sample> stateSamples() {
        List<PrometheusText.Sample> samples = new ArrayList<>();
        for (Row row : services) {
            if (row.status() != null) {
                samples.addAll(PrometheusText.stateSet(service(row), "state", State.NAMES, row.state()));
            }
        }
        return samples;
    }

    private static Integer checked(Row row, int value) {
        return row.status() == null ? null : value;
    }

    private static Double lastCheckSeconds(Row row) {
        return row.lastCheck() == null ? null : Instant.parse(row.lastCheck()).toEpochMilli() / 1000.0;
    }

    public String table() {
        TextTable table = new TextTable("SERVICE", "STATUS", "STATE", "TYPE", "MODE", "PID", "UPTIME", "RSS",
                "FLAPPING", "RESTARTS", "CHECKS", "LAST CHECK", "REASON");
        for (Row row : services) {
            table.add(row.name(), row.status() == null ? "-" : String.valueOf(row.status()), row.state(),
                    row.stateType() + (row.stateType().equals("SOFT") ? " " + row.attempt() : ""),
                    row.mode() == null ? "-" : row.givenUp() ? row.mode() + ", given up" : row.mode(),
                    row.pid() == null ? "-" : String.valueOf(row.pid()),
                    row.uptimeS() == null ? "-" : DurationText.compact(Duration.ofSeconds(row.uptimeS())),
                    row.rssBytes() == null ? "-" : mebibytes(row.rssBytes()),
                    String.format(Locale.ROOT, "%s %.1f%%", row.flapping() ? "yes" : "no", row.flappingValue()),
                    String.valueOf(row.restarts()), String.valueOf(row.checkCount()),
                    row.lastCheck() == null ? "never" : Instant.parse(row.lastCheck())
                            .truncatedTo(ChronoUnit.SECONDS).toString(),
                    note(row));
        }
        String header = daemonRunning()
                ? "daemon running (pid " + daemonPid + "), state in " + stateDir
                : "daemon NOT running; last saved state in " + stateDir;
        return header + "\n" + table.render();
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1fM", bytes / (1024.0 * 1024.0));
    }

    private static String note(Row row) {
        StringBuilder note = new StringBuilder();
        if (row.givenUp()) {
            note.append("GIVEN UP, run 'smart reset ").append(row.name()).append("'; ");
        }
        if (row.blockedBy() != null) {
            note.append("parent ").append(row.blockedBy()).append(" is not OK");
        } else if (row.reason() != null) {
            note.append(row.reason());
        }
        String text = note.toString();
        return text.endsWith("; ") ? text.substring(0, text.length() - 2) : text;
    }
}
