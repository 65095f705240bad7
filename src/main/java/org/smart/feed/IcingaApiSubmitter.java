package org.smart.feed;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends passive results to Icinga 2's REST API: {@code POST /v1/actions/process-check-result}.
 *
 * <p>The object is chosen with the documented {@code type} + {@code filter} form, the names bound
 * through {@code filter_vars} so that no quoting of names into the filter is ever needed:
 * <pre>
 * {"type": "Service",
 *  "filter": "host.name==smart_host &amp;&amp; service.name==smart_service",
 *  "filter_vars": {"smart_host": "web01", "smart_service": "apache"},
 *  "exit_status": 2, "plugin_output": "first line\nlong output",
 *  "performance_data": ["time=0.2s;1;2", "'size b'=12B"],
 *  "check_source": "web01", "execution_start": 1795311930.0, "execution_end": 1795311930.0}
 * </pre>
 * The output goes as it is (multi-line, {@code |} allowed: the API takes perfdata separately);
 * only control characters other than LF and TAB are replaced. Icinga 2 takes host results 0 (UP)
 * and 1 (DOWN) only and refuses 2 with HTTP 400, so UNREACHABLE is sent as DOWN: Icinga derives
 * unreachability from its own dependencies.
 *
 * <p><b>Security.</b> TLS trusts only the configured CA file ({@link PemTrust}); the JDK client
 * verifies the host name against the certificate. Credentials go in a Basic {@code Authorization}
 * header, which is never logged.
 *
 * <p><b>Never blocks the agent, never stalls.</b> {@link #submit} queues; one thread sends, in order,
 * and a result that fails is retried later without holding back the ones behind it ({@link
 * DeliveryWorker}). What an answer means ({@link #judge}) follows what Icinga 2 answers
 * (lib/remote/actionshandler.cpp, lib/icinga/apiactions.cpp):
 * <ul>
 * <li>Refused for good, so logged once per object and hour with Icinga's text, and dropped: an object
 *     Icinga does not define (2.13 and older: HTTP 500 with an empty {@code results} array, the filter
 *     having matched nothing; 2.14 and later: 404 "No objects found."), a per-object code 4xx in
 *     {@code results} (404 non-existent object, 403 passive checks disabled, 400 bad parameter), and
 *     any other 4xx answer but those below.
 * <li>Retried with growing, capped delays, logged once per change of state: connection failures,
 *     timeouts, TLS failures, 408, 429, 5xx without {@code results}, and a per-object 5xx code
 *     (its message names the host and service).
 * <li>401 and 403: the API user or its permissions are wrong. That is a configuration fault, not the
 *     result's: it is logged as an error (once an hour while it lasts) and the results are <em>kept</em>
 *     and retried, not dropped. Every result fails alike, so holding them blocks nothing that could
 *     otherwise get through; the fix is usually made on Icinga's side (the ApiUser's password or
 *     permissions, then a reload) without restarting SMART, and the kept results are then delivered.
 *     The bounded queue drops the oldest meanwhile, and a one-shot run reports them as not delivered.
 * </ul>
 */
public final class IcingaApiSubmitter extends QueuedSink {

    private static final Logger LOG = LoggerFactory.getLogger(IcingaApiSubmitter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTION = "/v1/actions/process-check-result";
    private static final Duration RELOG_REJECTION = Duration.ofHours(1);
    private static final int REMEMBERED_REJECTIONS = 256;
    static final String NO_HOSTNAME_CHECK_PROPERTY = "jdk.internal.httpclient.disableHostnameVerification";

    private final URI endpoint;
    private final String authorization;
    private final String checkSource;
    private final Duration requestTimeout;
    private final HttpClient client;
    private final RepeatFilter rejectionLog;
    private final RepeatFilter misconfigurationLog;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile String lastRejection;

    private IcingaApiSubmitter(IcingaApiFeedConfig config, IcingaCredentials credentials, String checkSource,
            SSLContext ssl, Clock clock) {
        super("Icinga API " + baseUrl(config), config.queueCapacity(), config.drainTimeout(), config.retry(), LOG);
        this.endpoint = URI.create(baseUrl(config) + ACTION);
        this.authorization = credentials.basicAuthHeader();
        this.checkSource = checkSource;
        this.requestTimeout = config.requestTimeout();
        this.rejectionLog = new RepeatFilter(RELOG_REJECTION, REMEMBERED_REJECTIONS, clock);
        this.misconfigurationLog = new RepeatFilter(RELOG_REJECTION, REMEMBERED_REJECTIONS, clock);
        this.client = HttpClient.newBuilder()
                .sslContext(ssl)
                .connectTimeout(requestTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static String baseUrl(IcingaApiFeedConfig config) {
        return config.url().toString().replaceAll("/+$", "");
    }

    /**
     * Builds the TLS context from the configured CA file and starts the sending thread.
     *
     * @param defaultCheckSource {@code check_source} when the configuration names none (SMART's host name)
     */
    public static IcingaApiSubmitter start(IcingaApiFeedConfig config, IcingaCredentials credentials,
            String defaultCheckSource) throws FeedConfigException {
        if (Boolean.parseBoolean(System.getProperty(NO_HOSTNAME_CHECK_PROPERTY, "false"))
                || "".equals(System.getProperty(NO_HOSTNAME_CHECK_PROPERTY))) {
            throw new FeedConfigException("the JVM runs with -D" + NO_HOSTNAME_CHECK_PROPERTY
                    + ", which turns off host name verification; SMART will not send credentials that way");
        }
        SSLContext ssl = PemTrust.sslContext(config.caFile());
        String source = config.checkSource() == null ? defaultCheckSource : config.checkSource();
        return start(config, credentials, source, ssl, Clock.systemUTC());
    }

    static IcingaApiSubmitter start(IcingaApiFeedConfig config, IcingaCredentials credentials, String checkSource,
            SSLContext ssl, Clock clock) {
        IcingaApiSubmitter submitter = new IcingaApiSubmitter(config, credentials, checkSource, ssl, clock);
        submitter.startDelivering("smart-feed-icinga-api");
        return submitter;
    }

    /** Results Icinga accepted. */
    public long delivered() {
        return delivered.get();
    }

    /** Results Icinga refused for good (unknown object, passive checks disabled, other 4xx). */
    public long rejected() {
        return rejected.get();
    }

    /** Attempts that failed and were (or would have been) retried. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** The last refusal, with Icinga's error text, or null. */
    public String lastRejection() {
        return lastRejection;
    }

    @Override
    Optional<String> attempt(PassiveResult result) throws InterruptedException {
        Outcome outcome = send(request(result));
        switch (outcome.verdict()) {
            case DELIVERED -> delivered.incrementAndGet();
            case REJECTED -> reject(result, outcome.message());
            case RETRY -> {
                failedAttempts.incrementAndGet();
                return Optional.of(outcome.message());
            }
            case RESULT_FAILED -> {
                failedAttempts.incrementAndGet();
                return Optional.of(result.about() + ": " + outcome.message());
            }
            case MISCONFIGURED -> {
                failedAttempts.incrementAndGet();
                warnMisconfigured(outcome.message());
                return Optional.of(outcome.message());
            }
        }
        return Optional.empty();
    }

    /**
     * What an answer means for the result sent.
     * <ul>
     * <li>{@code DELIVERED}: Icinga took it (or ignored it on purpose, e.g. for an unreachable object).
     * <li>{@code REJECTED}: refused for good; sending it again would get the same answer.
     * <li>{@code RESULT_FAILED}: Icinga answered but failed to process this result; tried again.
     * <li>{@code RETRY}: Icinga cannot be reached or is not answering; tried again.
     * <li>{@code MISCONFIGURED}: the API user or its permissions are wrong; kept and tried again.
     * </ul>
     */
    enum Verdict { DELIVERED, REJECTED, RESULT_FAILED, RETRY, MISCONFIGURED }

    record Outcome(Verdict verdict, String message) {
    }

    private Outcome send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
            return judge(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            return new Outcome(Verdict.RETRY, "no answer within " + requestTimeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return new Outcome(Verdict.RETRY, e.getMessage() == null
                    ? "cannot connect (connection refused or host unreachable)"
                    : "cannot connect: " + describe(e));
        } catch (IOException e) {
            return new Outcome(Verdict.RETRY, describe(e));
        }
    }

    static Outcome judge(int status, String body) {
        String text = icingaText(body);
        String answer = "HTTP " + status + (text.isEmpty() ? "" : ": " + text);
        if (status == 401 || status == 403) {
            return new Outcome(Verdict.MISCONFIGURED, answer);
        }
        if (status == 408 || status == 429) {
            return new Outcome(Verdict.RETRY, answer);
        }
        Optional<JsonNode> results = resultsArray(body);
        if (results.isPresent()) {
            return judgeResults(status, results.get(), text);
        }
        if (status >= 200 && status < 300) {
            return new Outcome(Verdict.DELIVERED, text);
        }
        return new Outcome(status >= 500 ? Verdict.RETRY : Verdict.REJECTED, answer);
    }

    /**
     * An answer with a {@code results} array has one entry per object the filter matched, each with
     * its own code. None at all means Icinga has no such object: 2.13 then answers 500, the status its
     * action handler keeps when no result sets another.
     */
    private static Outcome judgeResults(int status, JsonNode results, String text) {
        if (results.isEmpty()) {
            return new Outcome(Verdict.REJECTED, "HTTP " + status + " with no result: Icinga has no such object");
        }
        for (JsonNode r : results) {
            double code = r.path("code").asDouble(status);
            String why = "HTTP " + status + ": " + oneLine(r.path("status").asText());
            if (code >= 500) {
                return new Outcome(Verdict.RESULT_FAILED, why);
            }
            if (code >= 300) {
                return new Outcome(Verdict.REJECTED, why);
            }
        }
        return new Outcome(Verdict.DELIVERED, text);
    }

    /** The {@code results} array of an answer, if it is JSON with one. */
    private static Optional<JsonNode> resultsArray(String body) {
        try {
            JsonNode answer = JSON.readTree(body == null ? "" : body);
            return answer != null && answer.path("results").isArray() ? Optional.of(answer.get("results"))
                    : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty(); // not JSON (a proxy's error page)
        }
    }

    /** Icinga's error text: {@code status} of the answer or of its results, else the body itself. */
    static String icingaText(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            if (answer != null && answer.hasNonNull("status")) {
                return oneLine(answer.get("status").asText());
            }
            if (answer != null && answer.path("results").isArray()) {
                StringBuilder sb = new StringBuilder();
                answer.path("results").forEach(r -> sb.append(sb.length() == 0 ? "" : "; ").append(r.path("status").asText()));
                return oneLine(sb.toString());
            }
        } catch (JsonProcessingException e) {
            // not JSON (a proxy's error page): show the start of the body
        }
        return oneLine(body == null ? "" : body);
    }

    private static String oneLine(String text) {
        String cut = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        return NameValidator.visible(cut.strip());
    }

    private static String describe(IOException e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !String.valueOf(e.getMessage()).contains(root.getMessage())) {
            sb.append(" (").append(root.getMessage()).append(')');
        }
        return oneLine(sb.toString());
    }

    private void reject(PassiveResult result, String why) {
        rejected.incrementAndGet();
        String message = "refused the result for " + result.about() + ": " + why;
        lastRejection = message;
        if (rejectionLog.shouldLog(message)) {
            LOG.warn("{}: {}; dropped, not retried", subject(), message);
        }
    }

    private void warnMisconfigured(String answer) {
        String message = answer + ": Icinga refuses SMART's API user; check feed.icinga_api's credentials"
                + " and that the ApiUser has permission actions/process-check-result";
        if (misconfigurationLog.shouldLog(message)) {
            LOG.error("{}: {}; results are kept and retried until this is fixed", subject(), message);
        }
    }

    private HttpRequest request(PassiveResult result) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(body(result, checkSource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + result.about(), e);
        }
        return HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    static ObjectNode body(PassiveResult result, String checkSource) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode vars = JSON.createObjectNode().put("smart_host", result.hostName());
        if (result.isService()) {
            body.put("type", "Service").put("filter", "host.name==smart_host && service.name==smart_service");
            vars.put("smart_service", result.serviceName());
            body.put("exit_status", result.code());
        } else {
            body.put("type", "Host").put("filter", "host.name==smart_host");
            body.put("exit_status", result.code() == PassiveResult.HOST_UP ? 0 : 1);
        }
        body.set("filter_vars", vars);
        body.put("plugin_output", ControlChars.cleanMultiline(result.text()));
        List<String> perfdata = Perfdata.split(ControlChars.cleanMultiline(result.perfdata()));
        if (!perfdata.isEmpty()) {
            ArrayNode perf = body.putArray("performance_data");
            perfdata.forEach(perf::add);
        }
        if (checkSource != null) {
            body.put("check_source", checkSource);
        }
        double when = result.checkTime().getEpochSecond() + result.checkTime().getNano() / 1e9;
        body.put("execution_start", when).put("execution_end", when);
        return body;
    }
}
