package org.smart.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The feeds a configuration enables, started and behind one {@link PassiveResultSink}: a result
 * submitted here goes to each of them.
 */
public final class Feeds implements PassiveResultSink {

    private final List<PassiveResultSink> sinks;

    private Feeds(List<PassiveResultSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /**
     * Starts the enabled feeds. Nothing is started when one of them cannot be (e.g. a credentials
     * file others can read, a missing CA file).
     *
     * @param env the process environment, for the Icinga API credentials
     */
    public static Feeds start(FeedConfig config, Map<String, String> env) throws FeedConfigException {
        IcingaCredentials credentials = null;
        if (config.icingaApi().enabled()) {
            credentials = IcingaCredentials.resolve(config.icingaApi().credentialsFile(), env);
        }
        List<PassiveResultSink> sinks = new ArrayList<>();
        if (config.icingaApi().enabled()) {
            sinks.add(IcingaApiSubmitter.start(config.icingaApi(), credentials, config.names().hostName()));
        }
        if (config.commandFile().enabled()) {
            sinks.add(CommandFileWriter.start(config.commandFile()));
        }
        return new Feeds(sinks);
    }

    /** True when the configuration enables no feed. */
    public boolean isEmpty() {
        return sinks.isEmpty();
    }

    @Override
    public boolean submit(PassiveResult result) {
        boolean taken = false;
        for (PassiveResultSink sink : sinks) {
            taken |= sink.submit(result);
        }
        return taken;
    }

    /** Closes the feeds side by side, so shutdown waits for the longest drain time, not their sum. */
    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (PassiveResultSink sink : sinks) {
            closing.add(new Thread(sink::close, "smart-feed-close"));
        }
        closing.forEach(Thread::start);
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
