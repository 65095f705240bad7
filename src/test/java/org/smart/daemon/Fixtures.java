package org.smart.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.smart.check.ProbeOutcome;
import org.smart.check.ServiceCheck;
import org.smart.check.State;
import org.smart.check.Status;
import org.smart.model.Origin;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;
import org.smart.process.PidFileCheck;
import org.smart.process.PidFileState;
import org.smart.state.CheckState;
import org.smart.state.FlappingHistory;
import org.smart.state.RecentResult;
import org.smart.state.RestartHistory;
import org.smart.state.RestartRecord;
import org.smart.state.ServiceRuntimeState;
import org.smart.state.StateType;

/** Services, checks and states for the daemon's tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    private Fixtures() {
    }

    static ServiceSpec service(String name) {
        return new ServiceSpec(name, "sleep", 0, name, 1, 1, "/usr/bin/start-" + name, null, null, StartMode.PLAIN, "",
                Origin.of(Path.of("/etc/smart/services.conf"), 1), ServicePolicy.DEFAULT);
    }

    static ServiceCheck check(ServiceSpec spec, Status status) {
        return new ServiceCheck(spec, status, status.state() == State.OK ? 1 : 0,
                new PidFileCheck(PidFileState.NOT_DEFINED, 0, "no pid file defined"), ProbeOutcome.noTool(), T0);
    }

    /** A DOWN service after {@code checks} checks, given up after restarts at checks 1-3. */
    static ServiceRuntimeState givenUp(long checks) {
        List<RestartRecord> restarts = List.of(new RestartRecord(checks - 2, T0), new RestartRecord(checks - 1, T0),
                new RestartRecord(checks, T0));
        return new ServiceRuntimeState(List.of(new RecentResult(T0, 3, State.DOWN)),
                new FlappingHistory(0b1, State.DOWN, false), new CheckState(State.DOWN, StateType.HARD, 1, State.DOWN),
                new RestartHistory(restarts, 0, true, T0.plus(Duration.ofSeconds(5))), null, true, checks, T0, "sha256:x");
    }
}
