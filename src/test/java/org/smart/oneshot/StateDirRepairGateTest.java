package org.smart.oneshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.daemon.DaemonLock;

class StateDirRepairGateTest {

    @TempDir
    Path stateDir;

    @Test
    void letsOneRunRepairAServiceAndTellsTheOthersWhoDoes() {
        StateDirRepairGate gate = new StateDirRepairGate(stateDir);

        try (RepairGate.Entry first = gate.enter("web")) {
            assertThat(first.refused()).isFalse();
            RepairGate.Entry second = gate.enter("web");
            assertThat(second.busy()).isEqualTo("another SMART run is repairing web");
            try (RepairGate.Entry other = gate.enter("db")) {
                assertThat(other.refused()).isFalse();
            }
        }
        try (RepairGate.Entry after = gate.enter("web")) {
            assertThat(after.refused()).as("free again once the first run is done").isFalse();
        }
    }

    @Test
    void leavesEveryServiceToARunningDaemonAndHoldsNoLockThen() throws Exception {
        StateDirRepairGate gate = new StateDirRepairGate(stateDir);

        try (DaemonLock daemon = DaemonLock.tryAcquire(stateDir).orElseThrow()) {
            RepairGate.Entry entry = gate.enter("web");
            assertThat(entry.busy()).isEqualTo("the SMART daemon (pid " + ProcessHandle.current().pid()
                    + ") supervises web");
            assertThat(org.smart.daemon.RepairLock.awaitRepairsUnderWay(stateDir, java.time.Duration.ZERO))
                    .as("the refused run released the service's lock").isEmpty();
        }
    }
}
