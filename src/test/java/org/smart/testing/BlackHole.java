package org.smart.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 (ephemeral port) that accepts connections and never says a word, like a
 * host whose sshd hangs. Closing it closes every connection it holds.
 */
public final class BlackHole implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public BlackHole() throws IOException {
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(socket.accept());
                }
            } catch (IOException closed) {
                // socket closed: done
            }
        }, "black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return held.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
