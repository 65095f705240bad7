package org.smart.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.security.SafeFiles.Links;
import org.smart.security.SafeFiles.Type;

class SafeFilesTest {

    /** Far beyond the watchdog's second: a read that takes this long has hung. */
    private static final Duration HUNG = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private Path fifo(String name) throws Exception {
        Path path = temp.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        return path;
    }

    @Test
    void theHeadOfARegularFileIsBounded() throws IOException {
        Path file = Files.writeString(temp.resolve("a.pid"), "1234\n" + "x".repeat(1000));

        assertThat(new String(SafeFiles.head(file, 5), StandardCharsets.UTF_8)).isEqualTo("1234\n");
        assertThat(SafeFiles.head(Files.writeString(temp.resolve("empty"), ""), 5)).isEmpty();
    }

    @Test
    void aFifoIsRefusedByTypeWithoutOpeningIt() throws Exception {
        Path fifo = fifo("a.pid");

        assertTimeoutPreemptively(HUNG, () -> assertThatThrownBy(() -> SafeFiles.head(fifo, 64))
                .isInstanceOf(UnexpectedFileException.class)
                .hasMessage(fifo + " is a FIFO, not a regular file"));
        assertTimeoutPreemptively(HUNG, () -> assertThatThrownBy(() -> SafeFiles.whole(fifo, 64, "64 B", Links.FOLLOW))
                .hasMessage(fifo + " is a FIFO, not a regular file"));
    }

    @Test
    void aSymbolicLinkIsRefusedUnlessLinksAreFollowed() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret"), "root:$6$hash");
        Path link = Files.createSymbolicLink(temp.resolve("a.pid"), secret);

        assertThatThrownBy(() -> SafeFiles.head(link, 64)).isInstanceOf(UnexpectedFileException.class)
                .hasMessage(link + " is a symbolic link, not a regular file");
        assertThatThrownBy(() -> SafeFiles.whole(link, 64, "64 B", Links.REFUSE))
                .hasMessage(link + " is a symbolic link, not a regular file");
        assertThat(SafeFiles.whole(link, 64, "64 B", Links.FOLLOW)).asString().isEqualTo("root:$6$hash");
    }

    @Test
    void aLinkToAFifoIsRefusedWhenFollowedToo() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("services.conf"), fifo("fifo"));

        assertTimeoutPreemptively(HUNG, () -> assertThatThrownBy(() -> SafeFiles.whole(link, 64, "64 B", Links.FOLLOW))
                .hasMessage(link + " is a FIFO, not a regular file"));
    }

    @Test
    void everyTypeIsNamed() throws Exception {
        Path socket = temp.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThat(SafeFiles.typeOf(socket)).isEqualTo(Type.SOCKET);
        }
        assertThat(SafeFiles.typeOf(Files.createDirectory(temp.resolve("dir")))).isEqualTo(Type.DIRECTORY);
        assertThat(SafeFiles.typeOf(fifo("f"))).isEqualTo(Type.FIFO);
        assertThat(SafeFiles.typeOf(Path.of("/dev/null"))).isEqualTo(Type.CHARACTER_DEVICE);
        assertThat(SafeFiles.typeOf(Files.createSymbolicLink(temp.resolve("l"), Path.of("/nowhere"))))
                .isEqualTo(Type.SYMBOLIC_LINK);
        assertThatThrownBy(() -> SafeFiles.typeOf(temp.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> SafeFiles.head(Path.of("/dev/zero"), 64))
                .hasMessage("/dev/zero is a character device, not a regular file");
        assertThatThrownBy(() -> SafeFiles.head(temp.resolve("dir"), 64))
                .hasMessageEndingWith("is a directory, not a regular file");
    }

    @Test
    void aFileOverTheLimitIsRefusedUnread() throws IOException {
        Path big = Files.writeString(temp.resolve("smart.yml"), "x".repeat(11));

        assertThatThrownBy(() -> SafeFiles.whole(big, 10, "10 B", Links.FOLLOW))
                .isInstanceOf(UnexpectedFileException.class)
                .hasMessage(big + " is larger than 10 B (11 bytes); not read");
        assertThat(SafeFiles.whole(big, 11, "11 B", Links.FOLLOW)).hasSize(11);
    }

    /** The race: the path became a FIFO after its type was taken, so the open itself would block. */
    @Test
    void anOpenThatBlocksOnAFifoIsUnblockedAndRefused() throws Exception {
        Path fifo = fifo("swapped.pid");

        assertTimeoutPreemptively(HUNG, () -> assertThatThrownBy(() -> SafeFiles.openWithoutBlocking(fifo, Links.REFUSE))
                .isInstanceOf(UnexpectedFileException.class)
                .hasMessage(fifo + " did not open within 1000 ms (a FIFO put in its place, or a hanging file system);"
                        + " not read"));
    }

    /** The race with a writer holding the FIFO open: the open returns at once, and the read must not block. */
    @Test
    void anOpenedFifoIsNotRead() throws Exception {
        Path fifo = fifo("held.pid");
        try (FileChannel writer = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel opened = SafeFiles.openWithoutBlocking(fifo, Links.REFUSE)) {
            assertTimeoutPreemptively(HUNG, () -> assertThat(SafeFiles.headOf(opened, 64)).isEmpty());
        }
    }
}
