package org.smart.control;

import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The command line's end of the control socket. */
public final class ControlClient {

    /** No daemon answers on the state directory: none runs, or it runs without a control socket. */
    public static final class NoDaemonException extends IOException {
        private static final long serialVersionUID = 1L;

        NoDaemonException(String message) {
            super(message);
        }
    }

    private final Path socket;

    public ControlClient(Path stateDir) {
        this.socket = ControlProtocol.socketOf(stateDir);
    }

    public Path socket() {
        return socket;
    }

    /**
     * Sends {@code request} and waits for the reply, at most {@code timeout}.
     *
     * @throws NoDaemonException when no daemon listens on the socket
     * @throws IOException       when the socket may not be used (permissions) or the daemon did not answer
     */
    public ControlReply ask(ControlRequest request, Duration timeout) throws IOException {
        try (SocketChannel channel = connect()) {
            CompletableFuture<Void> cutOff = new CompletableFuture<>();
            cutOff.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS).thenRun(() -> {
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing only ends the read below
                }
            });
            try {
                ControlProtocol.writeLine(channel, request);
                byte[] line = ControlProtocol.readReply(channel);
                if (line.length == 0) {
                    throw new IOException(cutOff.isDone() ? "the daemon did not answer within " + timeout.toSeconds()
                            + " s" : "the daemon closed the connection without an answer (see its log)");
                }
                return ControlProtocol.JSON.readValue(line, ControlReply.class);
            } catch (IOException e) {
                if (cutOff.isDone()) {
                    throw new IOException("the daemon did not answer within " + timeout.toSeconds() + " s", e);
                }
                throw e;
            } finally {
                cutOff.cancel(false);
            }
        }
    }

    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw explained(e);
        }
    }

    private IOException explained(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof AccessDeniedException || message.contains("Permission denied")) {
            return new IOException("permission denied on " + socket + ": only root and members of the control group"
                    + " (CONTROL_GROUP, default 'smart') may operate the daemon", e);
        }
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS) || e instanceof SocketException
                || message.contains("Connection refused") || message.contains("No such file")) {
            return new NoDaemonException("no SMART daemon is running on " + socket.getParent()
                    + " (no one answers on " + socket + ")");
        }
        return e;
    }
}
