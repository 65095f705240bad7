package org.smart.remote;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.smart.check.PortProbe;
import org.smart.check.ProbeResult;
import org.smart.process.PidFileReader;
import org.smart.security.UnexpectedFileException;
import org.smart.ssh.RemoteCommand;

/**
 * The part of a remote host's state that is not in its process listing, read with one command per round:
 * the first line of each pid file, and the TCP ports something listens on ({@code /proc/net/tcp} and
 * {@code tcp6}, state LISTEN). Only shell built-ins run, so the read costs no process per file.
 *
 * <p>Output: one line per pid file, in order: {@code M} (missing), {@code L} (a symbolic link, never followed),
 * {@code N} (not a regular file: a FIFO would block the read), {@code E reason}, {@code C first-line} or
 * {@code D first-line} (the file has more lines); then one local address ({@code HEXIP:HEXPORT}) per listening
 * socket. A line cannot hold a line break, so nothing in a file can pass for another file's line.
 *
 * @param pidFiles what each pid file holds, or why it could not be read
 * @param ports    the listening TCP ports
 */
record PidFilesAndPorts(Map<Path, Content> pidFiles, Set<Integer> ports) {

    /** One pid file: its first line (and whether more follow), or the exception a local read would give. */
    record Content(String firstLine, boolean moreLines, IOException failure) {
    }

    private static final String SCRIPT = """
            ports=$1; shift
            for f do
              if [ -L "$f" ]; then echo L
              elif [ ! -e "$f" ]; then echo M
              elif [ ! -f "$f" ]; then echo N
              elif [ ! -r "$f" ]; then echo 'E permission denied'
              else a= b=; { IFS= read -r a; IFS= read -r b; } < "$f"; [ -n "$b" ] && t=D || t=C; printf '%s%s\\n' "$t" "$a"
              fi
            done
            [ "$ports" = 1 ] || exit 0
            for t in /proc/net/tcp /proc/net/tcp6; do
              [ -r "$t" ] || continue
              while read -r sl local rem st rest; do [ "$st" = 0A ] && printf '%s\\n' "$local"; done < "$t"
            done
            exit 0
            """;

    /** The command that reads them: the file names are arguments, never pasted into the script. */
    static RemoteCommand command(List<Path> pidFiles, boolean ports) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "smart-state", ports ? "1" : "0"));
        pidFiles.forEach(file -> argv.add(file.toString()));
        return new RemoteCommand(argv);
    }

    /** @throws IllegalArgumentException when the output does not have a line for every pid file */
    static PidFilesAndPorts parse(String output, List<Path> pidFiles) {
        List<String> lines = output.lines().toList();
        if (lines.size() < pidFiles.size()) {
            throw new IllegalArgumentException("expected " + pidFiles.size() + " pid file lines, got " + lines.size());
        }
        Map<Path, Content> contents = new HashMap<>();
        for (int i = 0; i < pidFiles.size(); i++) {
            contents.put(pidFiles.get(i), content(pidFiles.get(i), lines.get(i)));
        }
        Set<Integer> ports = new TreeSet<>();
        for (String address : lines.subList(pidFiles.size(), lines.size())) {
            int colon = address.lastIndexOf(':');
            if (colon > 0) {
                ports.add(Integer.parseInt(address.substring(colon + 1), 16));
            }
        }
        return new PidFilesAndPorts(contents, ports);
    }

    private static Content content(Path file, String line) {
        return switch (line.isEmpty() ? ' ' : line.charAt(0)) {
            case 'M' -> new Content(null, false, new NoSuchFileException(file.toString()));
            case 'L' -> unexpected(file, "is a symbolic link, not a regular file");
            case 'N' -> unexpected(file, "is not a regular file");
            case 'E' -> new Content(null, false, line.contains("permission")
                    ? new AccessDeniedException(file.toString()) : new IOException(line.substring(1).strip()));
            case 'C', 'D' -> new Content(line.substring(1), line.charAt(0) == 'D', null);
            default -> throw new IllegalArgumentException("unexpected pid file line '" + line + "'");
        };
    }

    private static Content unexpected(Path file, String reason) {
        return new Content(null, false, new UnexpectedFileException(file, reason));
    }

    /** Reads the pid files from what was brought back; a file not asked for reads as missing. */
    PidFileReader reader() {
        return (file, maxBytes) -> {
            Content content = pidFiles.get(file);
            if (content == null) {
                throw new NoSuchFileException(file.toString(), null, "not read in this round");
            }
            if (content.failure() != null) {
                throw content.failure();
            }
            String text = content.moreLines() ? content.firstLine() + "\n…" : content.firstLine();
            return text.length() > maxBytes ? text.substring(0, maxBytes) : text;
        };
    }

    /** A port responds when something on the host listens on it (on any address). */
    PortProbe portProbe() {
        return (host, port, timeout) -> ports.contains(port)
                ? new ProbeResult(true, "listening", Duration.ZERO)
                : new ProbeResult(false, "nothing listens on it", Duration.ZERO);
    }
}
