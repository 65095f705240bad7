package org.smart.feed;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process HTTPS server answering {@code POST /v1/actions/process-check-result} the way Icinga 2.13
 * does (lib/remote/actionshandler.cpp, lib/icinga/apiactions.cpp at v2.13.0): 200 with one result of
 * code 200 for an object it defines, and for one it does not define HTTP 500 with {@code {"results":[]}}
 * (the filter matched nothing, and an empty result set leaves the status at its default 500). A test can
 * script other answers for one object. Every request is recorded, in the order it arrived.
 */
public final class FakeIcingaApi implements AutoCloseable {

    /** One request: the object it was about ({@code host!service}) and when it arrived. */
    public record Request(String object, Instant at, JsonNode body) {
    }

    /** An answer: HTTP status and body. */
    public record Answer(int status, String body) {
        /** What Icinga 2.13 answers for an object it defines. */
        static Answer processed(String object) {
            return new Answer(200, "{\"results\":[{\"code\":200.0,\"status\":\"Successfully processed check result"
                    + " for object '" + object + "'.\"}]}");
        }

        /** What Icinga 2.13 answers when no object matches the filter. */
        public static final Answer NO_OBJECT_2_13 = new Answer(500, "{\"results\":[]}");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestPki pki;
    private final HttpsServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<String> unknown = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeIcingaApi(TestPki pki) throws IOException {
        this.pki = pki;
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext));
        server.createContext("/v1/actions/process-check-result", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts a server whose certificate is signed by a CA made in {@code pkiDir}. */
    public static FakeIcingaApi start(Path pkiDir) throws Exception {
        return new FakeIcingaApi(TestPki.create(java.nio.file.Files.createDirectories(pkiDir)));
    }

    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The PEM file of the CA that signed the server's certificate. */
    public Path caFile() {
        return pki.caPem;
    }

    /** Icinga defines no object {@code host!service}: it answers like 2.13 does. */
    public FakeIcingaApi unknown(String object) {
        unknown.add(object);
        return this;
    }

    /** The next answers for {@code object}, in order; once used up, the object is processed. */
    public FakeIcingaApi answer(String object, Answer... answers) {
        scripted.computeIfAbsent(object, o -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The objects of the requests, in the order they arrived. */
    public List<String> objects() {
        return requests.stream().map(Request::object).toList();
    }

    /** The requests about one object. */
    public List<Request> requestsFor(String object) {
        return requests.stream().filter(r -> r.object().equals(object)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        JsonNode vars = body.path("filter_vars");
        String object = vars.path("smart_host").asText()
                + (vars.has("smart_service") ? "!" + vars.path("smart_service").asText() : "");
        requests.add(new Request(object, Instant.now(), body));
        Answer answer = answerFor(object);
        byte[] out = answer.body().getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private Answer answerFor(String object) {
        Deque<Answer> next = scripted.get(object);
        Answer answer = next == null ? null : next.poll();
        if (answer != null) {
            return answer;
        }
        return unknown.contains(object) ? Answer.NO_OBJECT_2_13 : Answer.processed(object);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
