package org.smart.remote;

import java.util.stream.Stream;

/** This machine's processes, by command line: the test sshd runs here, so the "remote" processes are local. */
final class LocalProcesses {

    private LocalProcesses() {
    }

    static Stream<ProcessHandle> running(String commandLine) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.equals(commandLine) || c.endsWith("/" + commandLine)).orElse(false));
    }

    static long count(String commandLine) {
        return running(commandLine).count();
    }

    static void killAll(String commandLine) {
        running(commandLine).forEach(ProcessHandle::destroyForcibly);
    }
}
