package org.smart.feed;

/** A feed cannot start because of its configuration or a file it names; the message says what to fix. */
public final class FeedConfigException extends Exception {

    public FeedConfigException(String message) {
        super(message);
    }

    public FeedConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
