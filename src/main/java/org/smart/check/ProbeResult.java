package org.smart.check;

import java.time.Duration;

/**
 * What a port probe found.
 *
 * @param responding true when the connection was accepted in time
 * @param detail     {@code connected}, or why not: {@code connection refused}, {@code timed out after 10 s},
 *                   {@code unknown host db1}…
 * @param elapsed    how long the probe took
 */
public record ProbeResult(boolean responding, String detail, Duration elapsed) {
}
