package org.smart.feed;

/** Somewhere passive results go. Submitting never blocks and never throws for a down destination. */
public interface PassiveResultSink extends AutoCloseable {

    /**
     * Hands a result over for asynchronous delivery.
     *
     * @return false when the sink is closed and the result was not taken
     */
    boolean submit(PassiveResult result);

    /** Delivers what is queued within the sink's drain time, then stops. Never throws. */
    @Override
    void close();
}
