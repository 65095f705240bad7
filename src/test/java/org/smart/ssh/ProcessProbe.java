package org.smart.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Looks at this machine's processes (the test sshd runs here, so "remote" processes are local too). */
final class ProcessProbe {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private ProcessProbe() {
    }

    /**
     * A {@code sleep} operand of about {@code seconds} that no other process on the machine has, so a test
     * looks for and kills only its own sleeps, even while another build runs the same test.
     */
    static String sleepSeconds(int seconds) {
        return seconds + "." + ProcessHandle.current().pid() + String.format("%06d", SEQUENCE.incrementAndGet());
    }

    /** Pids whose argument vector is exactly this one. */
    static List<Long> withArgv(String... argv) {
        String wanted = String.join(" ", argv) + " ";
        return where(cmdline -> cmdline.equals(wanted));
    }

    /** Kills every process whose command line mentions the text, so a failing test does not leak processes. */
    static void killAll(String text) {
        where(cmdline -> cmdline.contains(text))
                .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Pids whose command line, with NULs read as spaces, passes the test (like {@code pgrep -f}). */
    private static List<Long> where(Predicate<String> test) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> test.test(commandLine(p)))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .filter(pid -> pid != ProcessHandle.current().pid())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String commandLine(Path procDir) {
        try {
            return new String(Files.readAllBytes(procDir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
