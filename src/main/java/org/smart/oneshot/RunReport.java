package org.smart.oneshot;

import java.util.List;
import org.smart.check.State;
import org.smart.model.ConfigProblem;

/**
 * The outcome of one run, everything the table, the JSON and the exit code are made from.
 *
 * @param host          the host name
 * @param options       how the run was asked to behave
 * @param services      one report per checked service, in configuration order
 * @param problems      configuration problems (their lines were skipped)
 * @param deliveries    one line per notification delivery or failure, for people
 * @param deliveryFailed some notification could not be delivered now (it waits in the spool)
 * @param reboot        what {@code --reboot} did, or null
 * @param rebootFailed  REBOOT_COMMAND could not run, failed or hung: the run did not do what it was asked
 * @param hosts         the remote hosts of the checked services, and whether they could be reached
 */
public record RunReport(String host, RunOptions options, List<ServiceReport> services, List<ConfigProblem> problems,
                        List<String> deliveries, boolean deliveryFailed, String reboot, boolean rebootFailed,
                        List<HostReport> hosts) {

    public static final int EXIT_OK = 0;
    public static final int EXIT_WARN = 1;
    public static final int EXIT_DOWN = 2;
    public static final int EXIT_CONFIG = 3;
    /** Nagios's UNKNOWN, shared with configuration problems: some service's host could not be reached. */
    public static final int EXIT_UNKNOWN = 3;

    public RunReport {
        services = List.copyOf(services);
        problems = List.copyOf(problems);
        deliveries = List.copyOf(deliveries);
        hosts = List.copyOf(hosts);
    }

    /**
     * Nagios-style exit code, by severity as Icinga orders it: a service still DOWN after recovery
     * (2) outranks a configuration problem or an UNREACHABLE service (3, Nagios's UNKNOWN: its remote
     * host could not be reached, so nothing is known about it), which outrank WARN (1). An undelivered
     * notification makes an otherwise clean run a warning, so cron's mail or a wrapper notices. A reboot
     * that failed counts like a service still DOWN: the system is not going down as asked.
     */
    public int exitCode() {
        if (anyFinal(State.DOWN) || rebootFailed) {
            return EXIT_DOWN;
        }
        if (!problems.isEmpty()) {
            return EXIT_CONFIG;
        }
        if (anyFinal(State.UNREACHABLE)) {
            return EXIT_UNKNOWN;
        }
        if (anyFinal(State.WARN) || deliveryFailed) {
            return EXIT_WARN;
        }
        return EXIT_OK;
    }

    private boolean anyFinal(State state) {
        return services.stream().anyMatch(s -> s.finalState() == state);
    }
}
