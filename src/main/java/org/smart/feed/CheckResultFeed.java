package org.smart.feed;

import java.time.Instant;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.check.PerfDatum;
import org.smart.check.PluginOutput;
import org.smart.check.ServiceCheck;

/**
 * Hands SMART's results to the configured feeds as passive check results: each service check with its
 * state's Nagios code (OK 0, WARN 1, DOWN 2, UNREACHABLE 3), and each remote host's connection (UP 0, DOWN 1).
 * Never blocks and never throws: the feeds queue, and a result that cannot be turned into a command (a name
 * that could break the line) is logged and dropped.
 */
public final class CheckResultFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckResultFeed.class);

    private final FeedNames names;
    private final PassiveResultSink sink;

    /**
     * @param names the Nagios/Icinga names to use
     * @param sink  where results go, or null for nowhere
     */
    public CheckResultFeed(FeedNames names, PassiveResultSink sink) {
        this.names = names;
        this.sink = sink;
    }

    /** A feed that sends nothing. */
    public static CheckResultFeed none() {
        return new CheckResultFeed(FeedNames.defaults("-"), null);
    }

    public boolean isEnabled() {
        return sink != null;
    }

    /** The result of one service check; its host is the service's remote host, or SMART's own. */
    public void service(ServiceCheck check) {
        if (sink == null) {
            return;
        }
        PluginOutput plugin = check.probe().plugin();
        String output = check.isUnreachable() ? check.reason()
                : "status " + check.status().code() + " (" + check.state() + "): " + check.reason();
        String longOutput = plugin == null ? "" : plugin.longOutput();
        String perfdata = plugin == null ? "" : plugin.perfData().stream().map(PerfDatum::toPerfData)
                .collect(Collectors.joining(" "));
        String service = check.spec().name();
        submit(() -> PassiveResult.service(names.hostName(check.spec().host()), names.serviceName(service),
                check.state().nagiosCode(), output, longOutput, perfdata, check.checkedAt()), service);
    }

    /** The state of a remote host's SSH connection. */
    public void host(String remoteHost, boolean up, String detail, Instant at) {
        if (sink == null) {
            return;
        }
        String output = "SSH connection " + (up ? "UP" : "DOWN") + (detail == null ? "" : ": " + detail);
        submit(() -> PassiveResult.host(names.hostName(remoteHost), up ? PassiveResult.HOST_UP
                : PassiveResult.HOST_DOWN, output, "", "", at), "host " + remoteHost);
    }

    private void submit(java.util.function.Supplier<PassiveResult> result, String what) {
        try {
            if (!sink.submit(result.get())) {
                log.warn("{}: result not fed: the feed is closed", what);
            }
        } catch (IllegalArgumentException e) {
            log.warn("{}: result not fed: {}", what, e.getMessage());
        }
    }

    /** Delivers what is queued within the feeds' drain time. */
    @Override
    public void close() {
        if (sink != null) {
            sink.close();
        }
    }
}
