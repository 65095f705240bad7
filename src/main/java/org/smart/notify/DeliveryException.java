package org.smart.notify;

/** A channel could not deliver a notification; the message says why in words an operator can act on. */
public final class DeliveryException extends Exception {

    public DeliveryException(String reason) {
        super(reason);
    }

    public DeliveryException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
