package org.smart.exec;

/** How a command is kept apart from SMART and how much of it a timeout can find and kill. */
public enum ProcessIsolation {
    /**
     * Started through {@code setsid(1)}: the command leads a session and process group of its own, so
     * a {@code kill 0} in a script stays inside its own group instead of hitting SMART, it has no
     * controlling terminal (ssh cannot prompt), and a timeout kills every member of the session,
     * orphaned grandchildren included. Costs one more exec per run.
     */
    OWN_SESSION,
    /**
     * Started directly, in SMART's own process group: faster, but a timeout can only kill the
     * command's live descendants (a grandchild whose parent already died escapes), and a script's
     * {@code kill 0} signals SMART itself. For trusted commands only.
     */
    DIRECT,
    /**
     * The default: a compiled program (an ELF file, such as the standard Nagios plugins) is started
     * {@link #DIRECT}ly and killed with its process tree on timeout; anything else (a shell or Perl
     * check script, a {@code .nag} wrapper) gets {@link #OWN_SESSION}. Scripts are what fork helpers
     * into the background, trap signals and {@code kill 0}; a compiled plugin runs as one process
     * (or waits for its children), and sparing it the extra exec of {@code setsid} makes a plugin
     * run cost about as much as from a shell loop.
     */
    AUTO
}
