package org.smart.process;

/** What a service's pid file says about its main process. */
public enum PidFileState {
    /** The service has no pid file configured. */
    NOT_DEFINED,
    /** The file does not exist. */
    MISSING,
    /** The file does not hold a positive process id. */
    INVALID,
    /** No live process has that pid (it exited, or is a zombie). */
    STALE,
    /**
     * A live process has that pid but it is another program, or another instance of the program (its arguments
     * lack the service's process_param): the pid was reused.
     */
    FOREIGN,
    /** A live process with that pid has the service's process name. */
    CORRECT
}
