package org.smart.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.security.SafeFiles;

/**
 * What changed since the last snapshot, {@value #FILE_NAME}: one JSON line per service state, each
 * with a sequence number, appended in batches and forced to disk before a batch counts as written.
 * A thousand services checked ten times a second thus write a few kilobytes a second instead of
 * their whole state. A snapshot records the last number it holds, so lines it already has are
 * skipped even when a crash left the journal behind it; a line cut off by a crash is ignored, and
 * so is one that cannot be read, with a warning.
 */
final class StateJournal {

    static final String FILE_NAME = "state.journal";

    private static final Logger LOG = LoggerFactory.getLogger(StateJournal.class);
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);

    /** One line. */
    record Entry(long seq, String service, ServiceRuntimeState state) {
    }

    private final Path file;
    private final ObjectMapper mapper;
    private long lastSeq;
    private long size;

    StateJournal(Path dir, ObjectMapper mapper) {
        this.file = dir.resolve(FILE_NAME);
        this.mapper = mapper;
    }

    /** The number of the last line written or read; a snapshot taken now holds everything up to it. */
    long lastSeq() {
        return lastSeq;
    }

    /** Bytes in the journal since it was last emptied. */
    long size() {
        return size;
    }

    /** Appends one line per state, in name order, numbered after the last, and forces them to disk. */
    void append(Map<String, ServiceRuntimeState> states) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        long seq = lastSeq;
        for (Map.Entry<String, ServiceRuntimeState> state : new TreeMap<>(states).entrySet()) {
            lines.writeBytes(mapper.writeValueAsBytes(new Entry(++seq, state.getKey(), state.getValue())));
            lines.write('\n');
        }
        SafeFiles.requireRegularOrAbsent(file); // opening a FIFO to write would block the daemon's saves
        try (FileChannel channel = FileChannel.open(file, APPEND,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            FileChannels.writeAll(channel, lines.toByteArray());
            channel.force(false);
        }
        lastSeq = seq;
        size += lines.size();
    }

    /** Empties the journal once a snapshot holds all of it. */
    void clear() throws IOException {
        Files.deleteIfExists(file);
        size = 0;
    }

    /** Puts the states of the lines numbered after {@code snapshotSeq} into {@code states}, in order. */
    void replay(Map<String, ServiceRuntimeState> states, long snapshotSeq) throws IOException {
        lastSeq = snapshotSeq;
        byte[] bytes;
        try {
            bytes = StateStore.readStateFile(file);
        } catch (NoSuchFileException e) {
            size = 0;
            return;
        }
        size = bytes.length;
        int start = 0;
        for (int line = 1; start < bytes.length; line++) {
            int end = indexOfNewline(bytes, start);
            if (end < 0) {
                // written by a SMART that stopped (or, for a reader beside the daemon, is still writing) mid-line
                LOG.debug("{}: line {} is incomplete; ignored", file, line);
                return;
            }
            apply(bytes, start, end, line, states, snapshotSeq);
            start = end + 1;
        }
    }

    private void apply(byte[] bytes, int start, int end, int line, Map<String, ServiceRuntimeState> states,
                       long snapshotSeq) {
        try {
            Entry entry = mapper.readValue(bytes, start, end - start, Entry.class);
            if (entry.service() == null || entry.state() == null) {
                throw new IllegalArgumentException("no service or no state");
            }
            if (entry.seq() > snapshotSeq) {
                states.put(entry.service(), entry.state());
            }
            lastSeq = Math.max(lastSeq, entry.seq());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: line {} cannot be read ({}); skipped", file, line, e.getMessage());
        }
    }

    private static int indexOfNewline(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
