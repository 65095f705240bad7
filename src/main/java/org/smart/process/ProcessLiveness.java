package org.smart.process;

/** Answers whether a process seen earlier is still the same running process. */
@FunctionalInterface
public interface ProcessLiveness {

    /**
     * True while a process with {@code p}'s pid exists, has {@code p}'s start time (so its pid was
     * not reused by another program) and is not a zombie.
     */
    boolean isRunning(ProcessInfo p);
}
