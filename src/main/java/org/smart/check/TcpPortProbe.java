package org.smart.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.smart.exec.DurationText;

/**
 * A plain TCP connect, closed again at once. The timeout bounds the connect; resolving a host name
 * is left to the system resolver and its own timeouts (use addresses for ports on this machine).
 */
public final class TcpPortProbe implements PortProbe {

    @Override
    public ProbeResult probe(String host, int port, Duration timeout) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, not " + port);
        }
        long start = System.nanoTime();
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return result(false, "unknown host " + host, start);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, timeout.toMillis()));
            return result(true, "connected", start);
        } catch (SocketTimeoutException e) {
            return result(false, "timed out after " + DurationText.of(timeout), start);
        } catch (NoRouteToHostException e) {
            return result(false, "no route to host", start);
        } catch (ConnectException e) {
            return result(false, lowerCase(e.getMessage(), "connection refused"), start);
        } catch (IOException e) {
            return result(false, lowerCase(e.getMessage(), e.getClass().getSimpleName()), start);
        }
    }

    private static ProbeResult result(boolean responding, String detail, long startNanos) {
        return new ProbeResult(responding, detail, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** The JDK's "Connection refused" as the rest of SMART's wording: lower case, no trailing detail in parentheses. */
    private static String lowerCase(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        int paren = message.indexOf(" (");
        String core = paren < 0 ? message : message.substring(0, paren);
        return Character.toLowerCase(core.charAt(0)) + core.substring(1);
    }
}
