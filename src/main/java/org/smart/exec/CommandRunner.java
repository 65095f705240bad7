package org.smart.exec;

import java.util.concurrent.CompletableFuture;

/**
 * Runs one command to completion or to its timeout. Implementations never throw for a failing
 * command: every outcome, including "could not start", is an {@link ExecResult}.
 */
@FunctionalInterface
public interface CommandRunner {

    ExecResult run(ExecRequest request);

    /**
     * Starts the command and completes with its result. A runner that can wait without holding a thread
     * (the commands of a remote host, answered over its connection) returns at once, so a thousand checks
     * in flight need no thousand threads; by default the command runs to the end on the caller's thread.
     * The future may complete exceptionally where {@link #run} would throw.
     */
    default CompletableFuture<ExecResult> start(ExecRequest request) {
        try {
            return CompletableFuture.completedFuture(run(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
