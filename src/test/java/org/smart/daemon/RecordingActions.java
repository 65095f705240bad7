package org.smart.daemon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.smart.model.ServiceSpec;

/** Writes down what the supervisor decided, for assertions. */
final class RecordingActions implements Supervisor.Actions {

    final Map<String, Instant> plannedChecks = new HashMap<>();
    final List<String> checkedNow = new ArrayList<>();
    final List<String> restarted = new ArrayList<>();
    final List<ServiceEvent> events = new ArrayList<>();
    final List<String> forgotten = new ArrayList<>();

    @Override
    public void checkAt(String service, Instant at) {
        plannedChecks.put(service, at);
    }

    @Override
    public void checkNow(String service) {
        checkedNow.add(service);
    }

    @Override
    public void restart(ServiceSpec spec) {
        plannedChecks.remove(spec.name());
        restarted.add(spec.name());
    }

    @Override
    public void notify(ServiceEvent event) {
        events.add(event);
    }

    @Override
    public void forget(String service) {
        forgotten.add(service);
    }

    /** "KIND service" for each event, in order. */
    List<String> eventLines() {
        return events.stream().map(e -> e.kind() + " " + e.service()).toList();
    }

    void clear() {
        plannedChecks.clear();
        checkedNow.clear();
        restarted.clear();
        events.clear();
        forgotten.clear();
    }
}
