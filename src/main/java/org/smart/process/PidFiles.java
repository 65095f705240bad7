package org.smart.process;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.smart.security.UnexpectedFileException;

/**
 * Decides whether a service's pid file is correct (SPEC §2): it names a live process of that service, one with
 * the service's process name and {@code process_param} in its arguments.
 */
public final class PidFiles {

    /** More than any pid file needs; a larger file is certainly not one and is not read whole. */
    private static final int MAX_BYTES = 64;

    private PidFiles() {
    }

    /**
     * @param pidFile      the configured pid file, or null when the service has none
     * @param processName  the service's process name and
     * @param processParam its process_param, matched as in {@link ProcessTable#matches}
     */
    public static PidFileCheck check(Path pidFile, String processName, String processParam, ProcessTable table) {
        return check(pidFile, processName, processParam, table, PidFileReader.LOCAL);
    }

    /** Like {@link #check(Path, String, String, ProcessTable)}, with the file read by {@code reader}. */
    public static PidFileCheck check(Path pidFile, String processName, String processParam, ProcessTable table,
                                     PidFileReader reader) {
        if (pidFile == null) {
            return new PidFileCheck(PidFileState.NOT_DEFINED, 0, "no pid file defined");
        }
        String content;
        try {
            content = reader.readHead(pidFile, MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return new PidFileCheck(PidFileState.MISSING, 0, "pid file " + pidFile + " does not exist");
        } catch (UnexpectedFileException e) {
            return new PidFileCheck(PidFileState.INVALID, 0, "pid file " + pidFile + " " + e.reason());
        } catch (IOException e) {
            return new PidFileCheck(PidFileState.INVALID, 0, "cannot read pid file " + pidFile + ": " + e);
        }
        Optional<Integer> pid = pidIn(content);
        if (pid.isEmpty()) {
            // never quoted: the file may be a copy of a secret, and the report goes out by mail
            return new PidFileCheck(PidFileState.INVALID, 0, "pid file " + pidFile
                    + (content.isBlank() ? " is empty" : " holds no process id"));
        }
        return checkProcess(pidFile, pid.get(), processName, processParam, table);
    }

    private static PidFileCheck checkProcess(Path pidFile, int pid, String processName, String processParam,
                                             ProcessTable table) {
        Optional<ProcessInfo> process = table.get(pid).filter(p -> !p.isZombie());
        if (process.isEmpty()) {
            return new PidFileCheck(PidFileState.STALE, pid, "pid file " + pidFile + " names pid " + pid
                    + ", which is not running");
        }
        if (!ProcessTable.isNamed(process.get(), processName)) {
            return new PidFileCheck(PidFileState.FOREIGN, pid, "pid " + pid + " is '"
                    + ProcessTable.displayName(process.get()) + "', not '" + processName + "'");
        }
        if (!ProcessTable.matches(process.get(), processName, processParam)) {
            // Another instance of the program (a reused pid, a sibling app): counting it would signal it.
            return new PidFileCheck(PidFileState.FOREIGN, pid, "pid " + pid + " is '" + processName
                    + "' without '" + processParam + "' in its arguments");
        }
        return new PidFileCheck(PidFileState.CORRECT, pid, "pid " + pid + " is '" + processName + "'");
    }

    /** The process id a pid file's content holds: one positive number, blanks around it allowed. */
    public static Optional<Integer> pidIn(String content) {
        String number = content.strip();
        if (number.isEmpty() || number.length() > 10 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long pid = Long.parseLong(number);
        return pid > 0 && pid <= Integer.MAX_VALUE ? Optional.of((int) pid) : Optional.empty();
    }
}
