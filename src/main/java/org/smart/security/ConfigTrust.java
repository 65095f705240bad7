package org.smart.security;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;

/**
 * Decides whether a configuration directory may be trusted when SMART runs as root on behalf of
 * another user (through sudo). Such a run executes start commands, check scripts and plugins as
 * root, so anyone who can change one of them, or replace a directory on the way to it, owns the
 * machine.
 *
 * <p>Trusted means: the configuration directory, {@code host.conf}, {@code services.conf},
 * {@code smart.yml}, everything below {@code scripts/} and {@code plugins/} (symbolic links are
 * followed and their targets checked, together with the directories above each target) and every
 * directory above the configuration directory are owned by root (uid 0) and not writable by group or
 * others. A directory above may be world-writable when its sticky bit is set (like {@code /tmp}),
 * because then nobody else can rename or delete root's entries in it. The programs the configuration
 * runs from elsewhere are held to the same rule one by one ({@link #verifyRootOwnedProgram}).
 */
public final class ConfigTrust {

    private static final List<String> CONFIG_FILES = List.of("host.conf", "services.conf", "smart.yml");
    private static final List<String> CONFIG_TREES = List.of("scripts", "plugins");

    /**
     * Every path that breaks the rule, each as a problem naming the path, its owner and mode, and the
     * command that fixes it. An empty list means the configuration may be used.
     */
    public List<ConfigProblem> verifyRootOwned(Path confDir) {
        return new Verification().run(confDir.toAbsolutePath().normalize());
    }

    /**
     * The same rule for a program the configuration makes SMART run from elsewhere: a plugin named by
     * its absolute path or found in the system's plugin directory, a start or notification command. The
     * program and every directory above it must be root's alone. A program that does not exist is judged
     * by the directories above it that do, since they decide who could put it there.
     *
     * @param usedAt where the configuration names the program, for the problems
     * @param field  the key that names it ({@code plugin}, {@code start_command}, ...)
     */
    public List<ConfigProblem> verifyRootOwnedProgram(Path program, Origin usedAt, String field) {
        return new Verification(usedAt, field).runProgram(program.toAbsolutePath().normalize());
    }

    /** One run: the paths already checked (symbolic links may lead to the same place twice) and the findings. */
    private static final class Verification {
        private final Set<Path> checked = new HashSet<>();
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final Origin usedAt;
        private final String field;

        /** Checks the configuration directory: problems are named by the path at fault. */
        Verification() {
            this(null, "");
        }

        /** Checks a program the configuration names at {@code usedAt}: problems are named by that place. */
        Verification(Origin usedAt, String field) {
            this.usedAt = usedAt;
            this.field = field;
        }

        List<ConfigProblem> runProgram(Path program) {
            if (Files.exists(program, LinkOption.NOFOLLOW_LINKS)) {
                checkEntry(program);
            }
            checkAncestors(program);
            return problems;
        }

        List<ConfigProblem> run(Path confDir) {
            checkAncestors(confDir);
            checkEntry(confDir);
            for (String name : CONFIG_FILES) {
                Path file = confDir.resolve(name);
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    checkEntry(file);
                }
            }
            for (String name : CONFIG_TREES) {
                Path tree = confDir.resolve(name);
                if (Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
                    walk(tree);
                }
            }
            return problems;
        }

        private void walk(Path tree) {
            try {
                Files.walkFileTree(tree, Set.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                                checkEntry(dir);
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                                checkEntry(file);
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException e) {
                                report(file, e instanceof FileSystemLoopException
                                        ? "symbolic links form a loop here; remove the link"
                                        : "cannot be read: " + e.getMessage());
                                return FileVisitResult.CONTINUE;
                            }
                        });
            } catch (IOException e) {
                report(tree, "cannot be read: " + e.getMessage());
            }
        }

        /** A symbolic link is judged by its target and the directories above the target. */
        private void checkEntry(Path path) {
            if (!Files.isSymbolicLink(path)) {
                checkOwnerAndMode(path, false);
                return;
            }
            Path target;
            try {
                target = path.toRealPath();
            } catch (NoSuchFileException e) {
                report(path, "is a symbolic link to a missing file; remove it or create its target");
                return;
            } catch (IOException e) {
                report(path, "cannot resolve symbolic link: " + e.getMessage());
                return;
            }
            checkOwnerAndMode(target, false);
            checkAncestors(target);
        }

        /** The directories above {@code path}, both as written and after resolving symbolic links. */
        private void checkAncestors(Path path) {
            for (Path dir = path.getParent(); dir != null; dir = dir.getParent()) {
                checkOwnerAndMode(dir, true);
            }
            try {
                Path real = path.toRealPath();
                for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
                    checkOwnerAndMode(dir, true);
                }
            } catch (NoSuchFileException e) {
                // the check of the path itself reports it missing
            } catch (IOException e) {
                report(path, "cannot resolve: " + e.getMessage());
            }
        }

        private void checkOwnerAndMode(Path path, boolean stickyMayBeShared) {
            if (!checked.add(path)) {
                return;
            }
            FileStatus status;
            try {
                status = FileStatus.of(path);
            } catch (NoSuchFileException e) {
                if (usedAt == null) {
                    report(path, "does not exist");
                }
                return;
            } catch (IOException e) {
                report(path, "cannot be read: " + e.getMessage());
                return;
            }
            boolean foreignOwner = status.uid() != 0;
            boolean writableByOthers = status.groupOrOthersMayWrite()
                    && !(stickyMayBeShared && status.isDirectory() && status.isSticky());
            if (foreignOwner || writableByOthers) {
                report(path, violation(status, foreignOwner, writableByOthers));
            }
        }

        private static String violation(FileStatus status, boolean foreignOwner, boolean writableByOthers) {
            List<String> wrong = new ArrayList<>();
            List<String> fixes = new ArrayList<>();
            String quoted = ShellQuote.quote(status.path());
            if (foreignOwner) {
                wrong.add("not owned by root");
                fixes.add("chown root " + quoted);
            }
            if (writableByOthers) {
                wrong.add("writable by group or others");
                fixes.add("chmod go-w " + quoted);
            }
            return "owned by " + status.ownerDescription() + ", mode " + status.octalMode() + ": "
                    + String.join(" and ", wrong)
                    + "; when SMART runs as root for another user it trusts only what only root can change; fix: "
                    + String.join(" && ", fixes);
        }

        private void report(Path path, String message) {
            problems.add(usedAt == null
                    ? new ConfigProblem(Origin.of(path, 0), "", message)
                    : new ConfigProblem(usedAt, field, path + ": " + message));
        }
    }
}
