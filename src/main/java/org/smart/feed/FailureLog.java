package org.smart.feed;

import org.slf4j.Logger;

/**
 * Logs a failing destination once per change of state rather than once per attempt: the first
 * failure, a failure with a different reason, and the recovery. Used by one delivery thread; the
 * last reason may be read from any thread.
 */
final class FailureLog {

    private final Logger log;
    private final String subject;
    private volatile String reason;
    private long failures;

    FailureLog(Logger log, String subject) {
        this.log = log;
        this.subject = subject;
    }

    void failed(String why) {
        failures++;
        if (!why.equals(reason)) {
            log.warn("{}: {}; retrying", subject, why);
            reason = why;
        }
    }

    void recovered() {
        if (reason != null) {
            log.info("{}: working again after {} failed attempt(s)", subject, failures);
            reason = null;
        }
        failures = 0;
    }

    /** The reason of the current failure, or null while things work. */
    String currentFailure() {
        return reason;
    }
}
