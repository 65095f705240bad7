package org.smart.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.state.StateStore;

/**
 * {@code smart reset NAME} while a daemon runs: the command drops a file naming the service into
 * {@code STATE_DIR/requests}; within a second the daemon acts on it, saves its state and removes it. Files,
 * not a socket: they need no listener, survive a daemon restart, and the state directory's owner-only
 * mode already says who may ask.
 */
public final class ResetRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ResetRequests.class);
    private static final String SUFFIX = ".reset";

    private final Path dir;

    public ResetRequests(Path stateDir) {
        this.dir = stateDir.resolve("requests");
    }

    /** Leaves a request for the daemon; returns its file, which is gone once the daemon took it. */
    public Path submit(String service) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String id = UUID.randomUUID().toString();
        Path temp = dir.resolve("." + id + ".tmp");
        Path request = dir.resolve(id + SUFFIX);
        Files.writeString(temp, service, StandardCharsets.UTF_8);
        Files.move(temp, request, StandardCopyOption.ATOMIC_MOVE);
        return request;
    }

    /** Waits until the daemon has acted on {@code request} and saved its state; false when not within {@code timeout}. */
    public static boolean awaitTaken(Path request, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Files.exists(request)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** One request: its file and the service it names. */
    record Request(Path file, String service) {
    }

    /** The requests waiting, oldest first; remove each with {@link #done} once it is acted on and saved. */
    List<Request> pending() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            requests.forEach(files::add);
        } catch (IOException e) {
            LOG.warn("cannot read reset requests in {}: {}", dir, e.toString());
            return List.of();
        }
        files.sort((a, b) -> Long.compare(modified(a), modified(b)));
        List<Request> requests = new ArrayList<>();
        for (Path file : files) {
            try {
                String service = new String(StateStore.readStateFile(file), StandardCharsets.UTF_8).strip();
                requests.add(new Request(file, service));
            } catch (NoSuchFileException gone) {
                // taken meanwhile
            } catch (IOException e) {
                LOG.warn("cannot read reset request {}: {}", file, e.toString());
            }
        }
        return requests;
    }

    /** Removes a request that was acted on; its submitter stops waiting. */
    void done(Request request) {
        try {
            Files.deleteIfExists(request.file());
        } catch (IOException e) {
            LOG.warn("cannot remove reset request {}: {}", request.file(), e.toString());
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
