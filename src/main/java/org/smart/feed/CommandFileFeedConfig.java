package org.smart.feed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the external command file feed ({@code feed.command_file} in smart.yml; keys in
 * {@link FeedConfig}).
 *
 * @param enabled       whether results are written to the command file
 * @param path          the command file: usually Nagios's or Icinga's FIFO, sometimes a regular file;
 *                      never created by SMART
 * @param queueCapacity results kept while the file cannot be written; the oldest go first
 * @param drainTimeout  how long shutdown waits for queued results to be written
 * @param retry         delays between attempts to reopen the file after an error
 */
public record CommandFileFeedConfig(
        boolean enabled, Path path, int queueCapacity, Duration drainTimeout, RetryPolicy retry) {

    public static final Path DEFAULT_PATH = Path.of("/var/lib/nagios3/rw/nagios.cmd");
    public static final int DEFAULT_QUEUE = 1000;
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);

    public CommandFileFeedConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    public static CommandFileFeedConfig disabled() {
        return new CommandFileFeedConfig(false, DEFAULT_PATH, DEFAULT_QUEUE, DEFAULT_DRAIN, RetryPolicy.DEFAULT);
    }

    public static CommandFileFeedConfig of(Path path) {
        return new CommandFileFeedConfig(true, path, DEFAULT_QUEUE, DEFAULT_DRAIN, RetryPolicy.DEFAULT);
    }

    /** What is wrong, each message naming its key; empty when fine or disabled. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!enabled) {
            return problems;
        }
        if (!path.isAbsolute()) {
            problems.add("feed.command_file.path: '" + path + "' must be an absolute path");
        }
        if (queueCapacity < 1) {
            problems.add("feed.command_file.queue: must be at least 1, not " + queueCapacity);
        }
        if (drainTimeout.isNegative()) {
            problems.add("feed.command_file.drain_timeout: must not be negative, not " + drainTimeout);
        }
        return problems;
    }
}
