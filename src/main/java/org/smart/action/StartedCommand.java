package org.smart.action;

import java.util.OptionalInt;

/** A start command that was launched: its process id and, once known, how it exited. */
public interface StartedCommand {

    long pid();

    /** The exit status once the command has exited; empty while it runs, or when it cannot be known (remote). */
    OptionalInt exitStatus();

    /** A command started on this machine. */
    static StartedCommand of(Process process) {
        return new StartedCommand() {
            @Override
            public long pid() {
                return process.pid();
            }

            @Override
            public OptionalInt exitStatus() {
                return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
            }
        };
    }
}
