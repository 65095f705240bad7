package org.smart.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.security.SafeFiles;

class ControlServerTest {

    @TempDir
    Path stateDir;

    @Test
    void answersOneRequestWithTheCallerTheKernelNames() throws Exception {
        AtomicReference<Caller> seen = new AtomicReference<>();
        try (ControlServer server = ControlServer.open(stateDir, new Operators(""), (request, caller) -> {
            seen.set(caller);
            return ControlReply.of(List.of(ServiceOutcome.done(request.services().get(0), request.command() + " done")));
        })) {
            ControlReply reply = new ControlClient(stateDir).ask(ControlRequest.of("check", List.of("web")),
                    Duration.ofSeconds(10));

            assertThat(reply.results()).containsExactly(ServiceOutcome.done("web", "check done"));
            assertThat(seen.get().user()).isEqualTo(System.getProperty("user.name"));
            assertThat(Files.getPosixFilePermissions(stateDir.resolve("control.sock")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
        }
        assertThat(stateDir.resolve("control.sock")).as("removed on close").doesNotExist();
    }

    @Test
    void withoutADaemonTheClientSaysSo() {
        assertThatThrownBy(() -> new ControlClient(stateDir).ask(ControlRequest.of("status", List.of()),
                Duration.ofSeconds(5))).isInstanceOf(ControlClient.NoDaemonException.class)
                .hasMessageContaining("no SMART daemon is running on " + stateDir);
    }

    @Test
    void anOverlongRequestIsRefusedUnread() throws Exception {
        try (ControlServer server = ControlServer.open(stateDir, new Operators(""),
                (request, caller) -> ControlReply.of(List.of()));
             SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(stateDir.resolve("control.sock")));
            byte[] junk = new byte[ControlProtocol.MAX_LINE + 10_000];
            java.util.Arrays.fill(junk, (byte) 'x');
            channel.write(ByteBuffer.wrap(junk));
            byte[] reply = ControlProtocol.readReply(channel);

            assertThat(ControlProtocol.text(reply)).contains("request too long");
        }
    }

    @Test
    void aFileInThePlaceOfTheSocketIsNotRemoved() throws Exception {
        Files.writeString(stateDir.resolve("control.sock"), "not a socket");

        assertThatThrownBy(() -> ControlServer.open(stateDir, new Operators(""), (r, c) -> ControlReply.of(List.of())))
                .hasMessageContaining("is not a socket");
        assertThat(stateDir.resolve("control.sock")).hasContent("not a socket");
    }

    /** A FIFO (or a device) is not a socket either, though both are neither files nor directories. */
    @Test
    void aFifoInThePlaceOfTheSocketIsNotRemoved() throws Exception {
        Path fifo = stateDir.resolve("control.sock");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        assertThatThrownBy(() -> ControlServer.open(stateDir, new Operators(""), (r, c) -> ControlReply.of(List.of())))
                .hasMessageContaining("is not a socket (it is a FIFO)");
        assertThat(SafeFiles.typeOf(fifo)).isEqualTo(SafeFiles.Type.FIFO);
    }
}
