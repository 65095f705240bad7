package org.smart.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.security.SafeFiles;

/**
 * The daemon's end of {@code STATE_DIR/control.sock}: mode 0660, group CONTROL_GROUP (root only when that
 * group does not exist). One thread accepts; at most {@link #WORKERS} requests are carried out at once and
 * {@link #QUEUED} more wait, anything beyond is answered "busy" at once. A request must arrive within
 * {@link #READ_TIME}; the caller is known from the kernel ({@code SO_PEERCRED}), never from what it sends.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    static final int WORKERS = 4;
    static final int QUEUED = 16;
    static final Duration READ_TIME = Duration.ofSeconds(5);

    private final Path socket;
    private final ServerSocketChannel server;
    private final Operators operators;
    private final ControlHandler handler;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final Thread acceptor;

    private ControlServer(Path socket, ServerSocketChannel server, Operators operators, ControlHandler handler) {
        this.socket = socket;
        this.server = server;
        this.operators = operators;
        this.handler = handler;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
                task -> daemonThread(task, "smart-control-" + count.incrementAndGet()));
        this.workers.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> daemonThread(task, "smart-control-timer"));
        this.acceptor = daemonThread(this::acceptLoop, "smart-control-accept");
    }

    private static Thread daemonThread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Opens {@code STATE_DIR/control.sock} and starts answering. The state directory is made group-searchable
     * (0710) for the control group, so that its members reach the socket and nothing else of it.
     *
     * @throws IOException when the socket cannot be made; the daemon then runs without one
     */
    public static ControlServer open(Path stateDir, Operators operators, ControlHandler handler) throws IOException {
        Path socket = ControlProtocol.socketOf(stateDir);
        removeStaleSocket(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket), 16);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            if (operators.groupExists()) {
                giveToGroup(stateDir, socket, operators.group());
            } else {
                LOG.info("control socket {}: root only{}", socket, operators.group().isEmpty() ? " (CONTROL_GROUP is empty)"
                        : ", group '" + operators.group() + "' does not exist (groupadd --system " + operators.group()
                                + " to let its members operate the daemon)");
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(socket);
            throw e;
        }
        ControlServer control = new ControlServer(socket, server, operators, handler);
        control.acceptor.start();
        return control;
    }

    /**
     * The socket to the group, and the state directory searchable (not readable) by it. Without the right to
     * change a group (a unit without CAP_CHOWN) the socket stays root's: said, and not fatal.
     */
    private static void giveToGroup(Path stateDir, Path socket, String groupName) {
        try {
            GroupPrincipal group = stateDir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(groupName);
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group);
            Files.getFileAttributeView(stateDir, PosixFileAttributeView.class).setGroup(group);
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx--x---"));
            LOG.info("control socket {} (group {}): root and members of group {} may operate the daemon", socket,
                    groupName, groupName);
        } catch (IOException | SecurityException e) {
            LOG.warn("control socket {}: root only: cannot give it and {} to group {} ({})", socket, stateDir, groupName,
                    e.toString());
        }
    }

    /** A socket left by a daemon that was killed; anything else there is not SMART's to remove. */
    private static void removeStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        SafeFiles.Type type = SafeFiles.typeOf(socket);
        if (type != SafeFiles.Type.SOCKET) {
            throw new IOException(socket + " exists and is not a socket (it is " + type.words() + "); remove it");
        }
        Files.delete(socket);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("control socket: cannot accept a connection: {}", e.toString());
                continue;
            }
            try {
                workers.execute(() -> serve(channel));
            } catch (RejectedExecutionException busy) {
                LOG.warn("control socket: {} requests under way and {} waiting; one more refused", WORKERS, QUEUED);
                answerAndClose(channel, ControlReply.refused("the daemon is busy with other requests; try again"));
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            Caller caller = callerOf(channel);
            ScheduledFuture<?> cutOff = timer.schedule(() -> closeQuietly(channel), READ_TIME.toMillis(),
                    TimeUnit.MILLISECONDS);
            byte[] line = ControlProtocol.readLine(channel, ControlProtocol.MAX_LINE);
            if (!cutOff.cancel(false)) {
                LOG.warn("control socket: {} sent no request within {} s", caller, READ_TIME.toSeconds());
                return;
            }
            ControlProtocol.writeLine(channel, reply(caller, line));
        } catch (IOException e) {
            LOG.debug("control socket: connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("control socket: request failed: {}", e.toString(), e);
        }
    }

    private ControlReply reply(Caller caller, byte[] line) {
        if (line == null) {
            LOG.warn("control socket: request from {} refused: longer than {} bytes", caller, ControlProtocol.MAX_LINE);
            return ControlReply.refused("request too long");
        }
        ControlRequest request;
        try {
            request = ControlProtocol.JSON.readValue(line, ControlRequest.class);
        } catch (IOException e) {
            LOG.warn("control socket: request from {} refused: not a request", caller);
            return ControlReply.refused("not a SMART control request");
        }
        if (request.command() == null) {
            return ControlReply.refused("no command in the request");
        }
        String who = String.join(" ", request.services());
        var refusal = operators.refusal(caller);
        if (refusal.isPresent()) {
            LOG.warn("control socket: {} (group {}) refused: {} {}", caller.user(), caller.group(), request.command(), who);
            return ControlReply.refused(refusal.get());
        }
        if (!request.command().equals("status")) { // status is asked often and changes nothing
            LOG.info("control socket: {} asks: {} {}", caller.user(), request.command(), who);
        } else {
            LOG.debug("control socket: {} asks: status {}", caller.user(), who);
        }
        return handler.handle(request, caller);
    }

    private static Caller callerOf(SocketChannel channel) throws IOException {
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return new Caller(peer.user().getName(), peer.group().getName());
    }

    private static void answerAndClose(SocketChannel channel, ControlReply reply) {
        try (channel) {
            ControlProtocol.writeLine(channel, reply);
        } catch (IOException e) {
            // the caller is gone
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing only ends a read
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("control socket: {}", e.toString());
        }
        workers.shutdownNow();
        timer.shutdownNow();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", socket, e.toString());
        }
    }
}
