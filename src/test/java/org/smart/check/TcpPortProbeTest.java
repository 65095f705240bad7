package org.smart.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TcpPortProbeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final PortProbe probe = new TcpPortProbe();

    @Test
    void listeningPortResponds() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            ProbeResult result = probe.probe("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5));

            assertThat(result.responding()).isTrue();
            assertThat(result.detail()).isEqualTo("connected");
            assertThat(result.elapsed()).isPositive().isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void closedPortIsRefused() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            port = server.getLocalPort();
        }

        ProbeResult result = probe.probe("127.0.0.1", port, Duration.ofSeconds(5));

        assertThat(result.responding()).isFalse();
        assertThat(result.detail()).isEqualTo("connection refused");
    }

    /**
     * A listener that never accepts, with its backlog full: Linux then drops further SYNs, so the
     * next connect hangs until its timeout. Skipped if this kernel answers differently.
     */
    @Test
    void portThatNeverAnswersTimesOut() throws IOException {
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            Assumptions.assumeTrue(fillBacklog(server.getLocalPort(), fillers), "cannot fill a loopback backlog here");

            ProbeResult result = probe.probe("127.0.0.1", server.getLocalPort(), Duration.ofMillis(300));

            assertThat(result.responding()).isFalse();
            assertThat(result.detail()).isEqualTo("timed out after 300 ms");
            // the kernel's connect timer may fire a fraction of a millisecond before the 300 ms measured here
            assertThat(result.elapsed()).isBetween(Duration.ofMillis(295), Duration.ofSeconds(3));
        } finally {
            for (Socket filler : fillers) {
                filler.close();
            }
        }
    }

    /** Resolved by the C library without asking any name server: a name with blanks is never valid. */
    @Test
    void unknownHostIsSaidSo() {
        ProbeResult result = probe.probe("no such host", 80, Duration.ofSeconds(5));

        assertThat(result.responding()).isFalse();
        assertThat(result.detail()).isEqualTo("unknown host no such host");
    }

    @Test
    void rejectsImpossiblePorts() {
        assertThatThrownBy(() -> probe.probe("127.0.0.1", 0, Duration.ofSeconds(1))).hasMessage("port must be 1-65535, not 0");
        assertThatThrownBy(() -> probe.probe("127.0.0.1", 65536, Duration.ofSeconds(1)))
                .hasMessage("port must be 1-65535, not 65536");
    }

    /** Opens connections until one hangs; true when the backlog is full. */
    private static boolean fillBacklog(int port, List<Socket> fillers) throws IOException {
        for (int i = 0; i < 20; i++) {
            Socket socket = new Socket();
            fillers.add(socket);
            try {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            } catch (SocketTimeoutException full) {
                return true;
            }
        }
        return false;
    }
}
