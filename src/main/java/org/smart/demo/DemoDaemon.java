package org.smart.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * A tiny daemon for the bundled demo and for tests, so that SMART can be tried with nothing
 * installed but a JDK. It runs in the foreground until killed, writes its pid file atomically,
 * and, given a port, answers every connection on 127.0.0.1 with one line: {@code demo NAME OK}.
 */
public final class DemoDaemon {

    private final String name;
    private final int port;
    private final Path pidFile;

    public DemoDaemon(String name, int port, Path pidFile) {
        this.name = name;
        this.port = port;
        this.pidFile = pidFile;
    }

    /** Runs until the process is terminated; never returns normally. */
    public void run() throws IOException, InterruptedException {
        ServerSocket server = port > 0 ? bind() : null;
        if (pidFile != null) {
            writePidFile();
            Runtime.getRuntime().addShutdownHook(new Thread(this::removePidFile, "remove-pid-file"));
        }
        if (server == null) {
            new CountDownLatch(1).await();
        }
        serve(server);
    }

    private ServerSocket bind() throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return server;
    }

    private void serve(ServerSocket server) throws IOException {
        byte[] greeting = ("demo " + name + " OK\n").getBytes(StandardCharsets.US_ASCII);
        while (true) {
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                out.write(greeting);
            } catch (IOException e) {
                // A client that hangs up early is its own problem; keep serving the others.
            }
        }
    }

    private void writePidFile() throws IOException {
        Path dir = pidFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".pid", ".tmp");
        Files.writeString(temp, ProcessHandle.current().pid() + "\n");
        Files.move(temp, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void removePidFile() {
        try {
            String content = Files.readString(pidFile).strip();
            if (content.equals(String.valueOf(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            // Already gone or replaced by a newer instance: nothing of ours to remove.
        }
    }
}
