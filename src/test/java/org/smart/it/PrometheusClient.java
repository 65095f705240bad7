package org.smart.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads Prometheus metrics with the Prometheus Python client's parser (Debian's
 * python3-prometheus-client, installed by .ci/install-deps), as a real consumer of the format would.
 */
final class PrometheusClient {

    /** Debian's own Python, where Debian's package installs the client (a PATH python may lack it). */
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String PRINT_SAMPLES = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(sys.stdin.read()):
                for s in family.samples:
                    labels = ",".join(k + "=" + v for k, v in s.labels.items())
                    print(s.name + ("{" + labels + "}" if labels else "") + " " + repr(float(s.value)))
            """;

    private PrometheusClient() {
    }

    /** Every sample as {@code name{label=value,...} value}, the value as Python prints a float. */
    static List<String> parse(String exposition) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            throw new AssertionError(PYTHON + " is missing: run .ci/install-deps");
        }
        Process python = new ProcessBuilder(PYTHON.toString(), "-c", PRINT_SAMPLES).redirectErrorStream(true).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
            python.destroyForcibly();
            throw new AssertionError("the Prometheus client could not read the metrics:\n" + out + "\n--- metrics\n"
                    + exposition);
        }
        return out.lines().toList();
    }
}
