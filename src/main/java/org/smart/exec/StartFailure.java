package org.smart.exec;

/** Why a command could not be started; its message is the failure text of {@link ExecResult#notStarted}. */
final class StartFailure extends Exception {

    private static final long serialVersionUID = 1L;

    StartFailure(String message) {
        super(message, null, false, false);
    }
}
