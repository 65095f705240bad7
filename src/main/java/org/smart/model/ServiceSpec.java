package org.smart.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One monitored service, as declared by a line of {@code services.conf} or an entry of {@code smart.yml}.
 *
 * <p>Field meanings follow the original SMART: a process name with an optional TCP port, a parameter
 * that tells processes of the same name apart, process-count bounds ({@code 0;0} means "no process
 * test"), an optional start command, pid and socket files, the start mode and an optional check
 * script that lives in the configuration's {@code scripts/} directory.
 *
 * @param name         unique service name
 * @param processName  name of the service's (parent) process
 * @param port         TCP port the service answers on, 0 when none
 * @param processParam text the process's arguments must contain, empty when any arguments match
 * @param maxProcs     the most processes allowed
 * @param minProcs     the fewest processes allowed
 * @param startCommand command that starts the service, empty when SMART must never restart it
 * @param pidFile      the service's pid file, or null
 * @param sockFile     the service's socket file, or null
 * @param startMode    how the start command is called
 * @param checkScript  name of the check script inside {@code scripts/}, empty when none
 * @param plugin       a Nagios plugin with its arguments, run instead of a check script, or null
 * @param origin       where the service was declared, for messages
 * @param policy       how the daemon schedules, judges and repairs it (host.conf defaults, smart.yml overrides)
 * @param host         the remote host (a name under {@code hosts:} in smart.yml) the service runs on, or null
 *                     for this machine
 */
public record ServiceSpec(
        String name,
        String processName,
        int port,
        String processParam,
        int maxProcs,
        int minProcs,
        String startCommand,
        Path pidFile,
        Path sockFile,
        StartMode startMode,
        String checkScript,
        PluginCommand plugin,
        Origin origin,
        ServicePolicy policy,
        String host) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(processName, "processName");
        processParam = processParam == null ? "" : processParam;
        startCommand = startCommand == null ? "" : startCommand;
        checkScript = checkScript == null ? "" : checkScript;
        Objects.requireNonNull(startMode, "startMode");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(policy, "policy");
    }

    /** A service of this machine. */
    public ServiceSpec(String name, String processName, int port, String processParam, int maxProcs, int minProcs,
                       String startCommand, Path pidFile, Path sockFile, StartMode startMode, String checkScript,
                       Origin origin, ServicePolicy policy) {
        this(name, processName, port, processParam, maxProcs, minProcs, startCommand, pidFile, sockFile, startMode,
                checkScript, origin, policy, null);
    }

    /** A service without a plugin command: a check script, its port or nothing tells whether it responds. */
    public ServiceSpec(String name, String processName, int port, String processParam, int maxProcs, int minProcs,
                       String startCommand, Path pidFile, Path sockFile, StartMode startMode, String checkScript,
                       Origin origin, ServicePolicy policy, String host) {
        this(name, processName, port, processParam, maxProcs, minProcs, startCommand, pidFile, sockFile, startMode,
                checkScript, null, origin, policy, host);
    }

    /** This service under another policy, e.g. with the host's defaults and its own overrides resolved. */
    public ServiceSpec withPolicy(ServicePolicy newPolicy) {
        return new ServiceSpec(name, processName, port, processParam, maxProcs, minProcs, startCommand, pidFile,
                sockFile, startMode, checkScript, plugin, origin, newPolicy, host);
    }

    /** True when the service runs on a remote host, reached over SSH. */
    public boolean isRemote() {
        return host != null;
    }

    /** {@code 0;0} in the original: the service runs no process, only its check script tells. */
    public boolean hasProcessTest() {
        return maxProcs != 0 || minProcs != 0;
    }

    public boolean hasPort() {
        return port > 0;
    }

    public boolean hasCheckScript() {
        return !checkScript.isEmpty();
    }

    public boolean hasPlugin() {
        return plugin != null;
    }

    /** A check script or a plugin tells whether the service responds (rather than its port, or nothing). */
    public boolean hasCheckCommand() {
        return hasCheckScript() || hasPlugin();
    }

    public boolean isRestartable() {
        return !startCommand.isBlank();
    }

    public boolean processCountInBounds(int count) {
        return count >= minProcs && count <= maxProcs;
    }

    public Optional<Path> pidFileOpt() {
        return Optional.ofNullable(pidFile);
    }

    public Optional<Path> sockFileOpt() {
        return Optional.ofNullable(sockFile);
    }
}
