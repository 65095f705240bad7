package org.smart.remote;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.smart.action.RestartEnvironment;
import org.smart.action.Restarter;
import org.smart.check.CheckEnvironment;
import org.smart.check.PortProbe;
import org.smart.check.ProbeResult;
import org.smart.check.ServiceChecker;
import org.smart.exec.ChildEnvironment;
import org.smart.exec.CommandRunner;
import org.smart.model.Config;
import org.smart.model.HostSettings;
import org.smart.model.RemoteHost;
import org.smart.model.ServiceSpec;
import org.smart.site.HostChange;
import org.smart.site.RemoteHosts;
import org.smart.site.Site;
import org.smart.ssh.HostState;
import org.smart.ssh.SshConnection;
import org.smart.ssh.SshTransport;

/**
 * Builds the site of each remote host that has services: one SSH connection (from the agent's one transport),
 * and the checker and restarter that work through it.
 */
public final class RemoteSites implements RemoteHosts {

    /**
     * What check scripts and start commands get on a remote host, besides the SMART_* variables: a standard
     * PATH, the remote user's HOME, and the C locale so plugin output reads the same everywhere. Nothing of
     * SMART's own environment goes over the wire.
     */
    static final Map<String, String> BASE_ENVIRONMENT = Map.of("PATH", ChildEnvironment.DEFAULT_PATH, "LC_ALL", "C");

    /**
     * Where the output of a remote service's start command is appended on its host, as locally under the state
     * directory: relative to the remote user's HOME (the XDG state directory), one file per service.
     */
    static final Path START_LOGS = Path.of(".local/state/smart/logs");

    /** Channels a round's two reads use, left free for them while check scripts run in batches. */
    private static final int SNAPSHOT_CHANNELS = 2;
    private static final PortProbe NO_LIVE_PROBE = (host, port, timeout) ->
            new ProbeResult(false, "ports of a remote host are read with its snapshot", Duration.ZERO);

    private final Map<String, SshConnection> connections = new LinkedHashMap<>();
    private final List<Site> sites = new ArrayList<>();

    private RemoteSites() {
    }

    /**
     * The sites of the hosts that have at least one of {@code services}, connecting lazily (on first use) over
     * {@code transport}.
     */
    public static RemoteSites build(Config config, List<ServiceSpec> services, SshTransport transport, Clock clock) {
        RemoteSites built = new RemoteSites();
        for (RemoteHost host : config.hosts()) {
            List<ServiceSpec> own = services.stream().filter(s -> host.name().equals(s.host())).toList();
            if (!own.isEmpty()) {
                SshConnection connection = transport.connection(host.ssh());
                built.connections.put(host.name(), connection);
                built.sites.add(site(host, own, config.settings(), connection, clock));
            }
        }
        return built;
    }

    @Override
    public List<Site> sites() {
        return List.copyOf(sites);
    }

    /** Tells {@code listener} of the changes between UP and DOWN of every host's connection. */
    @Override
    public void listen(Consumer<HostChange> listener) {
        connections.values().forEach(connection -> connection.addListener((host, before, after) -> {
            if (after.availability() != HostState.Availability.UNKNOWN) {
                Instant downSince = after.isUp() && before.availability() == HostState.Availability.DOWN
                        ? before.since() : null;
                listener.accept(new HostChange(host.name(), after.isUp(), after.reason(), after.since(), downSince));
            }
        }));
    }

    @Override
    public void close() {
        connections.values().forEach(SshConnection::close);
    }

    /** The connection of each host with a site, by host name. */
    public Map<String, SshConnection> connections() {
        return Map.copyOf(connections);
    }

    /**
     * What a remote host's checker runs check scripts and plugins with: batches over the host's channels but
     * the ones kept free for snapshots. Public for the benchmark, which must measure exactly this path.
     */
    public static CommandRunner checkRunner(SshConnection connection) {
        return checkRunner(new HostLink(connection));
    }

    private static CommandRunner checkRunner(HostLink link) {
        return new BatchingRunner(link, link.connection().host().maxChannels() - SNAPSHOT_CHANNELS);
    }

    /**
     * How many threads work for a remote host with {@code channels} channels: one a channel. Its checks hold
     * none while the host runs them (they are sent off together and batched), so threads are needed only to
     * send them and to act on the answers, and a restart runs its remote commands one at a time.
     */
    public static int parallelism(int channels) {
        return channels;
    }

    static Site site(RemoteHost host, List<ServiceSpec> services, HostSettings settings, SshConnection connection,
                     Clock clock) {
        HostLink link = new HostLink(connection);
        RemoteCommandRunner runner = new RemoteCommandRunner(link);
        CheckEnvironment checkEnvironment = new CheckEnvironment(host.scriptsDir(), host.pluginsDir(),
                host.checkHost(), settings.checkTimeout(), BASE_ENVIRONMENT, host.confDir());
        int channels = host.ssh().maxChannels();
        CommandRunner checks = checkRunner(link);
        ServiceChecker checker = new ServiceChecker(checkEnvironment, checks, NO_LIVE_PROBE, clock);
        List<Path> pidFiles = services.stream().map(ServiceSpec::pidFile).filter(Objects::nonNull).distinct().toList();
        boolean ports = services.stream().anyMatch(s -> s.hasPort() && !s.hasCheckCommand());
        RemoteSnapshots snapshots = new RemoteSnapshots(link, pidFiles, ports, settings.checkTimeout());
        RestartEnvironment restartEnvironment = new RestartEnvironment(settings, host.confDir(), BASE_ENVIRONMENT,
                START_LOGS);
        Restarter restarter = new Restarter(restartEnvironment, checker, snapshots, runner, new RemoteProcessStopper(link),
                new RemoteLauncher(link, settings.startTimeout()), new RemoteFiles(link), clock);
        return new Site(host.name(), snapshots, checker, restarter, parallelism(channels),
                () -> connection.state().availability() == HostState.Availability.DOWN ? connection.state().reason() : null);
    }
}
