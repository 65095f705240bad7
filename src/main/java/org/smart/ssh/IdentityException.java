package org.smart.ssh;

/** The identity (private key or its passphrase) could not be loaded; the message says why. */
public final class IdentityException extends Exception {
    public IdentityException(String message) {
        super(message);
    }
}
