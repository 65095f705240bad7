package org.smart.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.security.SafeFiles;
import org.smart.security.UnixIds;

/**
 * The daemon's runtime state on disk, in a directory only the owner can enter: a snapshot of every
 * service, {@value #FILE_NAME}, and a journal of the states recorded since ({@link StateJournal}),
 * which {@link #append} adds to and {@link #save} folds into a new snapshot.
 *
 * <p>Snapshots are atomic and durable: the new content goes to a temporary file in the same directory,
 * is forced to disk, renamed over the old file, and the directory itself is forced so the rename
 * survives a power loss. A crash therefore leaves either the old or the new file, plus perhaps a
 * stray temporary file, which loading ignores and removes.
 *
 * <p>Loading never stops monitoring: a file that cannot be understood is renamed aside to
 * {@code state.json.corrupt-<timestamp>} with a warning, and loading starts from an empty state.
 */
public final class StateStore {

    public static final String FILE_NAME = "state.json";

    /** Version of the file layout; a file with another version is set aside rather than misread. */
    static final int FORMAT_VERSION = 1;

    /**
     * The largest state file read (CONFIGURATION.md): a thousand services make about a megabyte. A larger
     * one is not read, so a file that grew out of all proportion cannot exhaust the daemon's memory.
     */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;
    static final String MAX_FILE_SIZE_TEXT = "64 MiB";

    /** Less free space than this, and a save (a temporary copy of the whole state) is bound to fail. */
    private static final long MIN_FREE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private static final String TEMP_PREFIX = FILE_NAME + ".";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final DateTimeFormatter CORRUPT_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = mapper();
    private final StateJournal journal;
    private long snapshotSize;

    public StateStore(Path dir, Clock clock) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.file = dir.resolve(FILE_NAME);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = new StateJournal(dir, mapper);
    }

    public StateStore(Path dir) {
        this(dir, Clock.systemUTC());
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the state of every service, in name order. Returns an empty map when there is no file
     * yet, and when the file is unreadable or corrupt (then it is set aside and a warning logged).
     */
    public synchronized Map<String, ServiceRuntimeState> load() {
        removeStrayTempFiles();
        StateFile snapshot = loadSnapshot();
        Map<String, ServiceRuntimeState> states = new TreeMap<>(snapshot.services());
        try {
            journal.replay(states, snapshot.journalSeq());
        } catch (IOException e) {
            LOG.warn("state journal in {} cannot be read ({}); the states it held are lost", dir, e.toString());
        }
        return states;
    }

    /** The snapshot, or an empty one when there is none or it is set aside as corrupt. */
    private StateFile loadSnapshot() {
        StateFile empty = new StateFile(FORMAT_VERSION, 0, Map.of());
        byte[] bytes;
        try {
            bytes = readStateFile(file);
        } catch (NoSuchFileException e) {
            return empty;
        } catch (IOException e) {
            LOG.warn("state file {} cannot be read ({}); starting with empty state", file, e.toString());
            return empty;
        }
        try {
            StateFile snapshot = checked(mapper.readValue(bytes, StateFile.class));
            snapshotSize = bytes.length;
            return snapshot;
        } catch (IOException | RuntimeException e) {
            setAside(describe(e));
            return empty;
        }
    }

    /**
     * Reads the stored state without changing anything on disk, for readers such as {@code smart status}
     * that run beside the daemon: no stray file is removed, a corrupt file is not set aside.
     *
     * @return every service's state in name order; empty when there is no file yet
     * @throws IOException when the file cannot be read or understood, with the reason
     */
    public Map<String, ServiceRuntimeState> read() throws IOException {
        byte[] bytes;
        try {
            bytes = readStateFile(file);
        } catch (NoSuchFileException e) {
            bytes = null;
        }
        StateFile snapshot;
        try {
            snapshot = bytes == null ? new StateFile(FORMAT_VERSION, 0, Map.of())
                    : checked(mapper.readValue(bytes, StateFile.class));
        } catch (IOException | RuntimeException e) {
            throw new IOException("state file " + file + " cannot be understood: " + describe(e), e);
        }
        Map<String, ServiceRuntimeState> states = new TreeMap<>(snapshot.services());
        new StateJournal(dir, mapper).replay(states, snapshot.journalSeq());
        return states;
    }

    /**
     * A file in the state directory: a regular file only, never through a link, never blocking, never over
     * the limit.
     *
     * @throws org.smart.security.UnexpectedFileException when it is anything else
     */
    public static byte[] readStateFile(Path file) throws IOException {
        return SafeFiles.whole(file, MAX_FILE_BYTES, MAX_FILE_SIZE_TEXT, SafeFiles.Links.REFUSE);
    }

    /**
     * Why state cannot be kept in {@code dir}, as far as can be told without writing there: it is read-only
     * or full. Empty when it looks fine or does not exist yet (the daemon makes it).
     */
    public static Optional<String> whyNotKept(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            // access(2) fails for root only on a read-only file system (an operator may just lack the right)
            FileStore store = Files.getFileStore(dir);
            if (store.isReadOnly() || (UnixIds.runningAsRoot() && !Files.isWritable(dir))) {
                return Optional.of("is on a read-only file system");
            }
            return store.getUsableSpace() < MIN_FREE_BYTES ? Optional.of("is full") : Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot be examined (" + e.getMessage() + ")");
        }
    }

    private static StateFile checked(StateFile parsed) {
        if (parsed == null) {
            throw new UnsupportedFormat("the document is empty");
        }
        if (parsed.version() != FORMAT_VERSION) {
            throw new UnsupportedFormat("format version " + parsed.version() + ", this SMART reads " + FORMAT_VERSION);
        }
        if (parsed.services() == null) {
            throw new UnsupportedFormat("the \"services\" object is missing");
        }
        return parsed;
    }

    /**
     * Records the states of some services, leaving the others as they are: appended to the journal and
     * forced to disk. After a failure the journal may end in a broken line: {@link #save} everything next.
     *
     * @throws IOException when they cannot be written
     */
    public synchronized void append(Map<String, ServiceRuntimeState> changed) throws IOException {
        if (changed.isEmpty()) {
            return;
        }
        ensureDirectory();
        journal.append(changed);
    }

    /** Whether the journal has grown past a few snapshots' size, so that a {@link #save} is due to fold it in. */
    public synchronized boolean journalOutgrewSnapshot() {
        return journal.size() > 4 * Math.max(snapshotSize, 64 * 1024);
    }

    /**
     * Replaces the stored state with {@code states}, atomically, and empties the journal.
     *
     * @throws IOException when the state cannot be written (the previous file is then unchanged)
     */
    public synchronized void save(Map<String, ServiceRuntimeState> states) throws IOException {
        ensureDirectory();
        StateFile snapshot = new StateFile(FORMAT_VERSION, journal.lastSeq(), new TreeMap<>(states));
        Path temp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX); // created 0600
        long written;
        try {
            // streamed, not made whole in memory first: the file is a megabyte for a thousand services
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = FileChannels.outputStream(channel)) {
                mapper.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, snapshot);
                out.flush();
                channel.force(true);
                written = channel.position();
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory();
        snapshotSize = written;
        journal.clear(); // a crash before this leaves lines the snapshot's journalSeq says to skip
    }

    private void ensureDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.setPosixFilePermissions(dir, OWNER_ONLY); // the umask may have narrowed the bits further
    }

    /** Makes the rename durable. Linux allows fsync on a directory opened read-only. */
    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync state directory {}: {}", dir, e.toString());
        }
    }

    /** Left behind by a crash between creating and renaming a temporary file: never complete. */
    private void removeStrayTempFiles() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> strays = Files.newDirectoryStream(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path stray : strays) {
                Files.deleteIfExists(stray);
                LOG.info("removed unfinished state file {} left by an interrupted write", stray);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove unfinished state files in {}: {}", dir, e.toString());
        }
    }

    private void setAside(String reason) {
        String stamp = CORRUPT_STAMP.format(clock.instant());
        for (int n = 0; n < 100; n++) {
            Path aside = dir.resolve(FILE_NAME + ".corrupt-" + stamp + (n == 0 ? "" : "-" + n));
            try {
                Files.move(file, aside);
                LOG.warn("state file {} is corrupt ({}); moved it to {} and starting with empty state",
                        file, reason, aside);
                return;
            } catch (FileAlreadyExistsException e) {
                // another corrupt file from the same second: try the next name
            } catch (IOException e) {
                LOG.warn("state file {} is corrupt ({}) and cannot be moved aside ({}); starting with empty state",
                        file, reason, e.toString());
                return;
            }
        }
        LOG.warn("state file {} is corrupt ({}); too many corrupt copies to set it aside, starting with empty state",
                file, reason);
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException json) {
            return json.getOriginalMessage() + (json.getLocation() == null ? ""
                    : " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr());
        }
        return e.getMessage();
    }

    private static ObjectMapper mapper() {
        SimpleModule time = new SimpleModule("smart-instant");
        time.addSerializer(Instant.class, new InstantSerializer());
        time.addDeserializer(Instant.class, new InstantDeserializer());
        return JsonMapper.builder()
                .addModule(time)
                // A newer SMART may add fields; reading them must not lose the rest of the state.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * The snapshot's top level.
     *
     * @param journalSeq the last journal line the snapshot holds (0 in files written before the journal)
     */
    record StateFile(int version, long journalSeq, Map<String, ServiceRuntimeState> services) {
    }

    private static final class UnsupportedFormat extends RuntimeException {
        UnsupportedFormat(String message) {
            super(message);
        }
    }

    /** ISO-8601 text, readable in the file and exact to the nanosecond. */
    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                if (text != null) {
                    return Instant.parse(text);
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
        }
    }
}
