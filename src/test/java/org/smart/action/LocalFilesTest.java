package org.smart.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.action.FileRemover.Kind;
import org.smart.action.FileRemover.Removal;

/** Issue 10, case 7: {@code -d} removed whatever sat at pid_file and sock_file. */
class LocalFilesTest {

    @TempDir
    Path temp;

    private static Removal remove(Path file, Kind kind) throws Exception {
        return FileRemover.LOCAL.removeStale(file, kind);
    }

    @Test
    void aPidFileHoldingAPidIsRemoved() throws Exception {
        Path pid = Files.writeString(temp.resolve("a.pid"), " 4242\n");

        assertThat(remove(pid, Kind.PID_FILE)).isEqualTo(Removal.REMOVED);
        assertThat(pid).doesNotExist();
        assertThat(remove(pid, Kind.PID_FILE)).isEqualTo(Removal.NOTHING_THERE);
    }

    @Test
    void aTextFileAtThePidFilePathIsKept() throws Exception {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "remember the milk\n");

        assertThat(remove(notes, Kind.PID_FILE)).isEqualTo(Removal.kept("it holds no process id"));
        assertThat(notes).hasContent("remember the milk");
    }

    @Test
    void aLinkAtThePidFilePathIsKeptAndSoIsWhatItNames() throws Exception {
        Path target = Files.writeString(temp.resolve("target"), "4242\n");
        Path link = Files.createSymbolicLink(temp.resolve("a.pid"), target);

        assertThat(remove(link, Kind.PID_FILE)).isEqualTo(Removal.kept("it is a symbolic link, not a regular file"));
        assertThat(link).isSymbolicLink();
        assertThat(target).hasContent("4242");
    }

    @Test
    void aRegularFileAtTheSocketPathIsKept() throws Exception {
        Path data = Files.writeString(temp.resolve("data.db"), "precious");

        assertThat(remove(data, Kind.SOCKET)).isEqualTo(Removal.kept("it is a regular file, not a socket"));
        assertThat(data).hasContent("precious");
        Path dir = Files.createDirectory(temp.resolve("dir.sock"));
        assertThat(remove(dir, Kind.SOCKET)).isEqualTo(Removal.kept("it is a directory, not a socket"));
    }

    @Test
    void aSocketIsRemoved() throws Exception {
        Path socket = temp.resolve("a.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }

        assertThat(remove(socket, Kind.SOCKET)).isEqualTo(Removal.REMOVED);
        assertThat(socket).doesNotExist();
    }
}
