package org.smart.daemon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.smart.state.StateStore;

/**
 * {@code STATE_DIR/modes.json}: the services an operator stopped, unmonitored or silenced. Apart from
 * state.json, so that a state file written before modes existed loads as it is, and a service without an
 * entry is simply monitored. Written at once, forced to disk, on every change: an operator's "stop"
 * must hold after a crash.
 */
final class ModeStore {

    static final String FILE_NAME = "modes.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final Path file;

    /** One service's entry as written: times as ISO-8601 text. */
    private record Saved(ServiceMode.Monitoring mode, String silencedUntil, String reason, String by) {
        static Saved of(ServiceMode mode) {
            return new Saved(mode.monitoring(), mode.silencedUntil() == null ? null : mode.silencedUntil().toString(),
                    mode.reason(), mode.by());
        }

        ServiceMode toMode() {
            return new ServiceMode(mode, silencedUntil == null ? null : java.time.Instant.parse(silencedUntil), reason, by);
        }
    }

    ModeStore(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    Map<String, ServiceMode> load() throws IOException {
        try {
            Map<String, Saved> saved = JSON.readValue(StateStore.readStateFile(file),
                    new TypeReference<LinkedHashMap<String, Saved>>() { });
            Map<String, ServiceMode> modes = new LinkedHashMap<>();
            saved.forEach((name, entry) -> modes.put(name, entry.toMode()));
            return modes;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        }
    }

    void save(Map<String, ServiceMode> modes) throws IOException {
        Map<String, Saved> saved = new LinkedHashMap<>();
        modes.forEach((name, mode) -> saved.put(name, Saved.of(mode)));
        Path temp = file.resolveSibling("." + FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        try (FileChannel channel = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            channel.write(java.nio.ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(saved)));
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Path file() {
        return file;
    }
}
