package org.smart.ssh;

/** A remote command SMART needed did not complete; the {@link RemoteResult} says how it ended. */
public final class RemoteCommandException extends RuntimeException {
    private final transient RemoteResult result;

    public RemoteCommandException(String message, RemoteResult result) {
        super(message + ": " + (result.reason() != null ? result.reason() : "exit status " + result.exitCode()));
        this.result = result;
    }

    public RemoteResult result() {
        return result;
    }
}
