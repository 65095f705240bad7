package org.smart.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcingaApiSubmitterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T = Instant.parse("2026-11-22T10:15:30.250Z");
    private static final String OK_BODY =
            "{\"results\":[{\"code\":200.0,\"status\":\"Successfully processed check result for object 'web01!apache'.\"}]}";
    private static final IcingaCredentials CREDENTIALS = new IcingaCredentials("smart", "pa:ss;|\"word");

    @TempDir
    static Path pkiDir;
    private static TestPki pki;

    private record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Reply(int status, String body, long delayMillis) {
        Reply(int status, String body) {
            this(status, body, 0);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
    private final List<IcingaApiSubmitter> submitters = new ArrayList<>();
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private HttpsServer server;

    @BeforeAll
    static void makePki() throws Exception {
        pki = TestPki.create(pkiDir);
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext));
        server.createContext("/", this::handle);
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stop() {
        submitters.forEach(IcingaApiSubmitter::close);
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Reply reply = replies.isEmpty() ? new Reply(200, OK_BODY) : replies.poll();
        try {
            Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        byte[] out = reply.body().getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private IcingaApiFeedConfig config(String host, Path ca, int queue) {
        return config(host, ca, queue, Duration.ofSeconds(5));
    }

    private IcingaApiFeedConfig config(String host, Path ca, int queue, Duration requestTimeout) {
        return new IcingaApiFeedConfig(true, URI.create("https://" + host + ":" + server.getAddress().getPort()), ca, null,
                null, queue, requestTimeout, Duration.ofMillis(300),
                new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(100)));
    }

    private IcingaApiSubmitter submitter(IcingaApiFeedConfig config) throws FeedConfigException {
        IcingaApiSubmitter s = IcingaApiSubmitter.start(config, CREDENTIALS, "smart-test");
        submitters.add(s);
        return s;
    }

    private static PassiveResult apache(int code) {
        return PassiveResult.service("web01", "apache", code, "HTTP CRITICAL | 503", "line 2\r\nline 3\u0000",
                "'time to first byte'=0.2s;1;2 size=12B", T);
    }

    @Test
    void sendsTheDocumentedJsonWithBasicAuth() throws Exception {
        IcingaApiSubmitter submitter = submitter(config("127.0.0.1", pki.caPem, 10));

        submitter.submit(apache(2));

        await().atMost(WAIT).until(() -> submitter.delivered() == 1);
        Received r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/actions/process-check-result");
        assertThat(r.header("Accept")).isEqualTo("application/json");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("smart:pa:ss;|\"word".getBytes(UTF_8)));
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertThat(json.get("type").asText()).isEqualTo("Service");
        assertThat(json.get("filter").asText()).isEqualTo("host.name==smart_host && service.name==smart_service");
        assertThat(json.get("filter_vars").get("smart_host").asText()).isEqualTo("web01");
        assertThat(json.get("filter_vars").get("smart_service").asText()).isEqualTo("apache");
        assertThat(json.get("exit_status").asInt()).isEqualTo(2);
        assertThat(json.get("plugin_output").asText()).isEqualTo("HTTP CRITICAL | 503\nline 2\nline 3\uFFFD");
        assertThat(json.get("performance_data")).hasSize(2);
        assertThat(json.get("performance_data").get(0).asText()).isEqualTo("'time to first byte'=0.2s;1;2");
        assertThat(json.get("performance_data").get(1).asText()).isEqualTo("size=12B");
        assertThat(json.get("check_source").asText()).isEqualTo("smart-test");
        assertThat(json.get("execution_end").asDouble()).isEqualTo(T.getEpochSecond() + 0.25);
    }

    @Test
    void hostResultsUseTheHostFilterAndIcingasTwoStates() throws Exception {
        IcingaApiSubmitter submitter = submitter(config("127.0.0.1", pki.caPem, 10));

        submitter.submit(PassiveResult.host("web01", PassiveResult.HOST_UNREACHABLE, "ssh: connection refused", "", "", T));

        await().atMost(WAIT).until(() -> submitter.delivered() == 1);
        JsonNode json = new ObjectMapper().readTree(received.get(0).body());
        assertThat(json.get("type").asText()).isEqualTo("Host");
        assertThat(json.get("filter").asText()).isEqualTo("host.name==smart_host");
        assertThat(json.get("filter_vars").size()).isEqualTo(1);
        assertThat(json.get("exit_status").asInt()).as("UNREACHABLE is sent as DOWN").isEqualTo(1);
        assertThat(json.has("performance_data")).isFalse();
    }

    @Test
    void serverCertificateFromAnotherCaIsRefusedAndRetriedNeverAccepted() throws Exception {
        IcingaApiSubmitter submitter = submitter(config("127.0.0.1", pki.otherCaPem, 10));

        submitter.submit(apache(2));

        await().atMost(WAIT).until(() -> submitter.failedAttempts() >= 3);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(submitter.currentFailure()).startsWith("SSLHandshakeException").contains("PKIX"));
        assertThat(submitter.delivered()).isZero();
        assertThat(received).as("no request got past the handshake").isEmpty();
    }

    @Test
    void hostNameIsVerified() throws Exception {
        InetAddress localhost = InetAddress.getByName("localhost");
        org.junit.jupiter.api.Assumptions.assumeTrue(localhost.getHostAddress().equals("127.0.0.1"),
                "localhost resolves to 127.0.0.1");
        // The certificate names IP 127.0.0.1 only; "localhost" reaches the same server but must not pass.
        IcingaApiSubmitter submitter = submitter(config("localhost", pki.caPem, 10));

        submitter.submit(apache(2));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(submitter.currentFailure()).startsWith("SSLHandshakeException").contains("localhost"));
        assertThat(received).isEmpty();
    }

    @Test
    void serverErrorIsRetriedUntilDelivered() throws Exception {
        replies.add(new Reply(500, "{\"error\":500,\"status\":\"Internal error.\"}"));
        replies.add(new Reply(503, "<html>Service Unavailable</html>"));
        IcingaApiSubmitter submitter = submitter(config("127.0.0.1", pki.caPem, 10));

        submitter.submit(apache(2));

        await().atMost(WAIT).until(() -> submitter.delivered() == 1);
        assertThat(received).hasSize(3);
        assertThat(received.get(2).body()).isEqualTo(received.get(0).body());
        assertThat(submitter.failedAttempts()).isEqualTo(2);
        // The failure is cleared by the delivery thread just after it counts the delivery.
        await().atMost(WAIT).untilAsserted(() -> assertThat(submitter.currentFailure()).isNull());
    }

    @Test
    void slowAnswerIsATimeoutAndRetried() throws Exception {
        // A retry 1 s after the timeout keeps the failure visible long enough for the poll to see it.
        IcingaApiFeedConfig slowRetry = config("127.0.0.1", pki.caPem, 10, Duration.ofMillis(500));
        IcingaApiSubmitter submitter = submitter(new IcingaApiFeedConfig(true, slowRetry.url(), slowRetry.caFile(), null,
                null, 10, slowRetry.requestTimeout(), slowRetry.drainTimeout(),
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1))));
        submitter.submit(apache(0));
        await().atMost(WAIT).until(() -> submitter.delivered() == 1); // TLS warmed up, connection kept alive
        replies.add(new Reply(200, OK_BODY, 1500));

        submitter.submit(apache(2));

        await().atMost(WAIT).untilAsserted(() -> assertThat(submitter.currentFailure()).isEqualTo("no answer within 500 ms"));
        await().atMost(WAIT).until(() -> submitter.delivered() == 2);
        assertThat(received.stream().filter(r -> r.body().contains("\"exit_status\":2"))).as("sent again after the timeout")
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void unknownObjectIsLoggedWithIcingasTextAndNotRetried() throws Exception {
        replies.add(new Reply(404, "{\"error\":404,\"status\":\"No objects found.\"}"));
        IcingaApiSubmitter submitter = submitter(config("127.0.0.1", pki.caPem, 10));

        submitter.submit(PassiveResult.service("web01", "nosuch", 0, "OK", "", "", T));
        submitter.submit(apache(0));

        // Results go in order: once the second is delivered, the first is done with for good.
        await().atMost(WAIT).until(() -> submitter.delivered() == 1);
        assertThat(submitter.rejected()).isEqualTo(1);
        assertThat(received).hasSize(2);
        assertThat(submitter.lastRejection())
                .isEqualTo("refused the result for host web01, service nosuch: HTTP 404: No objects found.");
        assertThat(submitter.failedAttempts()).isZero();
    }

    @Test
    void refusalInsideA200AnswerCountsAsRejected() throws Exception {
        replies.add(new Reply(200, "{\"results\":[{\"code\":403.0,\"status\":\"Passive checks are disabled for object 'web01!apache'.\"}]}"));
        IcingaApiSubmitter submitter = submitter(config("127.0.0.1", pki.caPem, 10));

        submitter.submit(apache(1));

        await().atMost(WAIT).until(() -> submitter.rejected() == 1);
        assertThat(submitter.lastRejection()).endsWith("HTTP 200: Passive checks are disabled for object 'web01!apache'.");
        assertThat(submitter.delivered()).isZero();
    }

    @Test
    void downApiNeverBlocksTheAgent() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        IcingaApiFeedConfig down = new IcingaApiFeedConfig(true, URI.create("https://127.0.0.1:" + closedPort),
                pki.caPem, null, null, 10, Duration.ofSeconds(5), Duration.ofMillis(200),
                new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(100)));
        IcingaApiSubmitter submitter = submitter(down);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 100; i++) {
                submitter.submit(apache(i % 4));
            }
        });

        await().atMost(WAIT).untilAsserted(() -> assertThat(submitter.currentFailure()).startsWith("cannot connect"));
        assertThat(submitter.dropped()).isBetween(89L, 90L);
        assertTimeoutPreemptively(Duration.ofSeconds(5), submitter::close);
    }

    @Test
    void caFileProblemsAreClear() throws Exception {
        Path notPem = Files.writeString(pkiDir.resolve("not-a-cert.pem"), "hello\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IcingaApiSubmitter.start(
                        config("127.0.0.1", pkiDir.resolve("missing.crt"), 1), CREDENTIALS, "x"))
                .isInstanceOf(FeedConfigException.class)
                .hasMessage("CA file " + pkiDir.resolve("missing.crt") + " does not exist");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IcingaApiSubmitter.start(
                        config("127.0.0.1", notPem, 1), CREDENTIALS, "x"))
                .isInstanceOf(FeedConfigException.class)
                .hasMessageStartingWith("CA file " + notPem);
    }

    @Test
    void judgesAnswersByStatus() {
        assertThat(IcingaApiSubmitter.judge(200, OK_BODY).verdict()).isEqualTo(IcingaApiSubmitter.Verdict.DELIVERED);
        assertThat(IcingaApiSubmitter.judge(404, "{\"error\":404,\"status\":\"No objects found.\"}"))
                .isEqualTo(new IcingaApiSubmitter.Outcome(IcingaApiSubmitter.Verdict.REJECTED, "HTTP 404: No objects found."));
        assertThat(IcingaApiSubmitter.judge(401, "<h1>Unauthorized</h1>\n"))
                .isEqualTo(new IcingaApiSubmitter.Outcome(IcingaApiSubmitter.Verdict.MISCONFIGURED, "HTTP 401: <h1>Unauthorized</h1>"));
        assertThat(IcingaApiSubmitter.judge(403, "{\"error\":403,\"status\":\"No permission to access object.\"}").verdict())
                .isEqualTo(IcingaApiSubmitter.Verdict.MISCONFIGURED);
        // Icinga 2.13 and older: no object matched the filter.
        assertThat(IcingaApiSubmitter.judge(500, "{\"results\":[]}")).isEqualTo(new IcingaApiSubmitter.Outcome(
                IcingaApiSubmitter.Verdict.REJECTED, "HTTP 500 with no result: Icinga has no such object"));
        assertThat(IcingaApiSubmitter.judge(200, "{\"results\":[]}").verdict()).isEqualTo(IcingaApiSubmitter.Verdict.REJECTED);
        assertThat(IcingaApiSubmitter.judge(500, "{\"results\":[{\"code\":404.0,\"status\":\"Cannot process passive"
                + " check result for non-existent object.\"}]}").verdict()).isEqualTo(IcingaApiSubmitter.Verdict.REJECTED);
        assertThat(IcingaApiSubmitter.judge(500, "{\"results\":[{\"code\":500.0,\"status\":\"Action execution failed:"
                + " 'x'.\"}]}")).isEqualTo(new IcingaApiSubmitter.Outcome(IcingaApiSubmitter.Verdict.RESULT_FAILED,
                "HTTP 500: Action execution failed: 'x'."));
        assertThat(IcingaApiSubmitter.judge(200, "{\"results\":[{\"code\":200.0,\"status\":\"Ignoring passive check"
                + " result for unreachable object 'web01!apache'.\"}]}").verdict()).isEqualTo(IcingaApiSubmitter.Verdict.DELIVERED);
        assertThat(IcingaApiSubmitter.judge(500, "{\"error\":500,\"status\":\"Internal error.\"}").verdict())
                .isEqualTo(IcingaApiSubmitter.Verdict.RETRY);
        for (int status : new int[] {408, 429, 500, 502, 503}) {
            assertThat(IcingaApiSubmitter.judge(status, "").verdict()).as("HTTP %d", status)
                    .isEqualTo(IcingaApiSubmitter.Verdict.RETRY);
        }
        assertThat(IcingaApiSubmitter.judge(400, "{\"results\":[{\"code\":400.0,\"status\":\"Invalid 'exit_status' for Host web01.\"}]}").message())
                .isEqualTo("HTTP 400: Invalid 'exit_status' for Host web01.");
    }
}
