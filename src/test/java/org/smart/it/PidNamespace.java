package org.smart.it;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a driver script as pid 1 of a new pid namespace with its own {@code /proc}, so that whatever SMART
 * signals from inside it (pid 1, its parent, every process) can never reach the machine the test runs on.
 * The namespace and everything in it dies with the driver. Needs root, as the tests run here.
 */
final class PidNamespace {

    private PidNamespace() {
    }

    /** Runs {@code driver}; it finds the launcher in {@code $SMART}. */
    static SmartCli.Result run(Path driver) {
        return SmartCli.exec(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc", driver.toString()),
                Map.of("SMART", SmartCli.LAUNCHER.toString()));
    }
}
