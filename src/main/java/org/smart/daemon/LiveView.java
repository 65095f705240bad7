package org.smart.daemon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.smart.state.StateStore;

/**
 * What a running daemon shows besides its saved state: each service's latest reason, the parent that
 * makes it unreachable and its next check, in {@code STATE_DIR/status.json}. Rewritten with the
 * state; losing it loses nothing (state.json is what must survive), so it is renamed into place but
 * not forced to disk.
 *
 * @param pid       the daemon's pid
 * @param startedAt when it started (ISO-8601)
 * @param configDir the configuration it runs
 * @param writtenAt when this view was written (ISO-8601)
 * @param services  every monitored service, in declaration order
 */
public record LiveView(long pid, String startedAt, String configDir, String writtenAt, List<Service> services) {

    public static final String FILE_NAME = "status.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * @param name      the service
     * @param reason    why it has its status, in the check's words; null before its first check
     * @param blockedBy the parent that is not OK, or null
     * @param nextCheck when it is checked next (ISO-8601), or null while it is being checked or restarted
     */
    public record Service(String name, String reason, String blockedBy, String nextCheck) {
    }

    public LiveView {
        services = List.copyOf(services);
    }

    void write(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE_NAME);
        Path temp = stateDir.resolve("." + FILE_NAME + ".tmp");
        // a new file, never one that is there: O_EXCL follows no link and never opens a FIFO left there
        Files.deleteIfExists(temp);
        Files.write(temp, MAPPER.writeValueAsBytes(this), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The view a daemon left in {@code stateDir}; empty when there is none or it cannot be read. */
    public static Optional<LiveView> read(Path stateDir) {
        try {
            return Optional.of(MAPPER.readValue(StateStore.readStateFile(stateDir.resolve(FILE_NAME)), LiveView.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
