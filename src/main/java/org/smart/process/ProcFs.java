package org.smart.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads processes straight from {@code /proc}: no {@code ps} is forked, and command lines are read
 * in full ({@link ProcessHandle} cuts them at 4096 bytes and then drops the arguments).
 */
public final class ProcFs implements ProcessSource, ProcessLiveness {

    private final Path root;

    public ProcFs() {
        this(Path.of("/proc"));
    }

    /** @param root a directory laid out like {@code /proc}; other than {@code /proc} only in tests */
    public ProcFs(Path root) {
        this.root = root;
    }

    @Override
    public ProcessTable snapshot() {
        List<ProcessInfo> processes = new ArrayList<>();
        ProcFiles files = new ProcFiles();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (isPid(name)) {
                    read(Integer.parseInt(name), files).ifPresent(processes::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list processes in " + root, e);
        }
        return ProcessTable.of(processes, ownPid());
    }

    /**
     * SMART's pid as this {@code /proc} numbers it ({@code self}), which is what its table's pids are; 0 when it
     * has no {@code self} (a test's made-up directory).
     */
    private int ownPid() {
        try {
            String self = Files.readSymbolicLink(root.resolve("self")).toString();
            return isPid(self) ? Integer.parseInt(self) : 0;
        } catch (IOException | UnsupportedOperationException noSelf) {
            return 0;
        }
    }

    /** The process with this pid, or empty when there is none (or it exited while being read). */
    public Optional<ProcessInfo> read(int pid) {
        return read(pid, new ProcFiles());
    }

    private Optional<ProcessInfo> read(int pid, ProcFiles files) {
        Path dir = processDir(pid);
        try {
            ProcStat stat = ProcStat.parse(files.text(dir.resolve("stat")));
            List<String> argv = splitCmdline(files.bytes(dir.resolve("cmdline")));
            return Optional.of(stat.withArgv(argv));
        } catch (IOException | IllegalArgumentException vanishedOrTorn) {
            // A process that exits mid-read leaves missing files, ESRCH or an empty stat: it is simply gone.
            return Optional.empty();
        }
    }

    @Override
    public boolean isRunning(ProcessInfo p) {
        try {
            ProcStat now = ProcStat.parse(new ProcFiles().text(processDir(p.pid()).resolve("stat")));
            return now.startTicks() == p.startTicks() && !now.isZombie();
        } catch (IOException | IllegalArgumentException gone) {
            return false;
        }
    }

    /** The {@code /proc/PID} directory of a process. */
    Path processDir(int pid) {
        return root.resolve(Integer.toString(pid));
    }

    private static boolean isPid(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits a {@code /proc/PID/cmdline} on NUL; the terminating NUL ends the last argument instead
     * of starting an empty one.
     */
    public static List<String> splitCmdline(byte[] raw) {
        int end = raw.length > 0 && raw[raw.length - 1] == 0 ? raw.length - 1 : raw.length;
        List<String> argv = new ArrayList<>();
        if (raw.length == 0) {
            return argv;
        }
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || raw[i] == 0) {
                argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return argv;
    }
}
