package org.smart.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The owner and permission bits of a file as {@code stat(2)} reports them (symbolic links followed
 * unless told otherwise), with the few questions the security checks ask of them.
 *
 * @param path the file
 * @param uid  numeric owner
 * @param mode {@code st_mode}: file type and permission bits
 */
record FileStatus(Path path, int uid, int mode) {

    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_REGULAR = 0100000;
    private static final int TYPE_DIRECTORY = 0040000;
    private static final int STICKY = 01000;

    static FileStatus of(Path path, LinkOption... options) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,mode", options);
        return new FileStatus(path, (Integer) attributes.get("uid"), (Integer) attributes.get("mode"));
    }

    boolean isRegularFile() {
        return (mode & TYPE_MASK) == TYPE_REGULAR;
    }

    boolean isDirectory() {
        return (mode & TYPE_MASK) == TYPE_DIRECTORY;
    }

    boolean isSticky() {
        return (mode & STICKY) != 0;
    }

    boolean groupOrOthersMayWrite() {
        return (mode & 0022) != 0;
    }

    /** Any permission at all for group or others (read, write or execute). */
    boolean groupOrOthersHaveAccess() {
        return (mode & 0077) != 0;
    }

    /** Permission bits as {@code ls -l} users know them from chmod, e.g. {@code 0644} or {@code 1777}. */
    String octalMode() {
        return String.format("%04o", mode & 07777);
    }

    /** The owner for a message: {@code "bob (uid 1000)"}, or {@code "uid 4711"} when no user has that id. */
    String ownerDescription() {
        String name;
        try {
            name = Files.getOwner(path).getName();
        } catch (IOException | UnsupportedOperationException e) {
            name = "";
        }
        return name.isEmpty() || name.equals(Integer.toString(uid)) ? "uid " + uid : name + " (uid " + uid + ")";
    }
}
