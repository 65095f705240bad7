package org.smart.exec;

/**
 * Runs one command to completion or to its timeout. Implementations never throw for a failing
 * command: every outcome, including "could not start", is an {@link ExecResult}.
 */
@FunctionalInterface
public interface CommandRunner {
    ExecResult run(ExecRequest request);
}
