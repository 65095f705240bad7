package org.smart.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One line of JSON each way; a request longer than {@link #MAX_LINE} is refused unread. */
final class ControlProtocol {

    static final String SOCKET_NAME = "control.sock";
    /** Far more than any request (a few hundred service names); a reply may be larger. */
    static final int MAX_LINE = 64 * 1024;
    private static final int MAX_REPLY = 64 * 1024 * 1024;

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ControlProtocol() {
    }

    static Path socketOf(Path stateDir) {
        return stateDir.resolve(SOCKET_NAME);
    }

    static void writeLine(SocketChannel channel, Object value) throws IOException {
        byte[] json = JSON.writeValueAsBytes(value);
        ByteBuffer buffer = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The bytes up to the first newline (or the end); null when the line exceeds {@code max}. */
    static byte[] readLine(SocketChannel channel, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    return line.toByteArray();
                }
                line.write(b);
            }
            buffer.clear();
            if (line.size() > max) {
                return null;
            }
        }
        return line.toByteArray();
    }

    static byte[] readReply(SocketChannel channel) throws IOException {
        byte[] line = readLine(channel, MAX_REPLY);
        if (line == null) {
            throw new IOException("the daemon's reply is larger than " + MAX_REPLY + " bytes");
        }
        return line;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
