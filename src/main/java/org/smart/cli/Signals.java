package org.smart.cli;

import sun.misc.Signal;

/** SIGHUP for the daemon's reload. The JVM has no public API for it; jdk.unsupported's Signal is the standard way. */
final class Signals {

    private Signals() {
    }

    /** Runs {@code action} on every SIGHUP (on a thread of the JVM's signal dispatcher), instead of exiting. */
    static void onHangup(Runnable action) {
        Signal.handle(new Signal("HUP"), signal -> action.run());
    }
}
