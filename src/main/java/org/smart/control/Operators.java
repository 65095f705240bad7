package org.smart.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who may operate the daemon: root, and the members of the control group (CONTROL_GROUP, {@code smart} by
 * default), whether it is their primary group or one they are listed in in {@code /etc/group}. The
 * group file is read at each request, so adding an operator with {@code usermod -aG smart} needs no
 * restart of the daemon.
 */
public final class Operators {

    private final String group;
    private final Path groupFile;

    /** @param group the control group; empty for root only */
    public Operators(String group) {
        this(group, Path.of("/etc/group"));
    }

    Operators(String group, Path groupFile) {
        this.group = group;
        this.groupFile = groupFile;
    }

    public String group() {
        return group;
    }

    /** Empty when {@code caller} may act; else why not, in words for the caller. */
    public Optional<String> refusal(Caller caller) {
        if (caller.user().equals("root") || (!group.isEmpty() && (caller.group().equals(group) || listedIn(caller)))) {
            return Optional.empty();
        }
        return Optional.of("user '" + caller.user() + "' may not operate the SMART daemon: only root"
                + (group.isEmpty() ? " (CONTROL_GROUP is empty)" : " and members of group '" + group + "'")
                + (group.isEmpty() ? "" : "; ask an administrator to run 'usermod -aG " + group + " "
                        + caller.user() + "' (then log in again), or use sudo"));
    }

    /** Whether the group exists, so that the socket can be given to it. */
    public boolean groupExists() {
        return !group.isEmpty() && members().isPresent();
    }

    private boolean listedIn(Caller caller) {
        return members().map(list -> list.contains(caller.user())).orElse(false);
    }

    /** The members listed for the group, or empty when there is no such group (or the file cannot be read). */
    private Optional<List<String>> members() {
        try {
            for (String line : Files.readAllLines(groupFile, StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 4 && fields[0].equals(group)) {
                    return Optional.of(fields[3].isEmpty() ? List.of() : Arrays.asList(fields[3].split(",")));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
