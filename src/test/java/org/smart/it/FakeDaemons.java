package org.smart.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real daemons for tests, cheap to start: {@code sleep TOKEN} where the token is a number unique to
 * the test, so SMART can tell each test's processes from every other {@code sleep} on the machine.
 * The start script writes its pid file, then becomes the sleep (same pid).
 */
final class FakeDaemons implements AutoCloseable {

    static final String START_SCRIPT = """
            #!/bin/sh
            # usage: fake-daemon PIDFILE TOKEN [start|stop]
            [ "$3" = stop ] && exit 0
            echo $$ > "$1"
            exec sleep "$2"
            """;

    private final List<String> tokens = new java.util.ArrayList<>();

    /** A new unique token; the daemon is the process {@code sleep TOKEN}. */
    String newToken() {
        String token = String.valueOf(ThreadLocalRandom.current().nextInt(700_000, 999_999));
        tokens.add(token);
        return token;
    }

    /** Starts a daemon outside SMART, as if it had been running all along. */
    long startDirectly(Path startScript, Path pidFile, String token) throws Exception {
        long before = count(token);
        Process process = new ProcessBuilder(startScript.toString(), pidFile.toString(), token)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(pidFile) && !Files.readString(pidFile).isBlank() && count(token) == before + 1)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fake daemon did not start");
            }
            Thread.sleep(20);
        }
        return process.pid();
    }

    static long count(String token) {
        return running(token).count();
    }

    static java.util.stream.Stream<ProcessHandle> running(String token) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.endsWith("sleep " + token))
                .orElse(false));
    }

    static void killAll(String token) {
        running(token).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        tokens.forEach(FakeDaemons::killAll);
    }
}
