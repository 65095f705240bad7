package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.feed.FakeIcingaApi.Answer;

/**
 * Issue 10, case 10: a result Icinga refuses for good is dropped, a failing one is retried with backoff,
 * and neither holds back the results behind it. Against a real HTTPS server that answers like Icinga 2.13.
 */
class IcingaApiNoStallTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T = Instant.parse("2026-12-04T10:15:30Z");
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofMillis(400), Duration.ofMillis(1600));
    private static final List<String> OTHERS = IntStream.rangeClosed(1, 10).mapToObj(i -> "web01!svc" + i).toList();

    @TempDir
    static Path pkiDir;
    private static FakeIcingaApi icinga;

    private final List<IcingaApiSubmitter> submitters = new ArrayList<>();

    @BeforeAll
    static void startIcinga() throws Exception {
        icinga = FakeIcingaApi.start(pkiDir);
    }

    @AfterAll
    static void stopIcinga() {
        icinga.close();
    }

    @AfterEach
    void closeSubmitters() {
        submitters.forEach(IcingaApiSubmitter::close);
    }

    private IcingaApiSubmitter submitter() throws FeedConfigException {
        IcingaApiFeedConfig config = new IcingaApiFeedConfig(true, icinga.url(), icinga.caFile(), null, null, 100,
                Duration.ofSeconds(5), Duration.ofSeconds(2), RETRY);
        IcingaApiSubmitter s = IcingaApiSubmitter.start(config, new IcingaCredentials("smart", "secret"), "smart-test");
        submitters.add(s);
        return s;
    }

    /** A result for {@code host!service}; each test uses its own host, so the shared server's records do not mix. */
    private static PassiveResult result(String object) {
        String[] names = object.split("!");
        return PassiveResult.service(names[0], names[1], 0, "OK", "", "", T);
    }

    private static List<String> onHost(String host, List<String> objects) {
        return objects.stream().map(o -> o.replace("web01!", host + "!")).toList();
    }

    private List<String> deliveredTo(String host) {
        return icinga.objects().stream().filter(o -> o.startsWith(host + "!")).toList();
    }

    @Test
    void unknownObjectAnswered500WithNoResultsIsDroppedAndTheTenOthersAreDeliveredInOrder() throws Exception {
        String ghost = "h1!ghost";
        List<String> others = onHost("h1", OTHERS);
        icinga.unknown(ghost);
        IcingaApiSubmitter submitter = submitter();

        submitter.submit(result(ghost));
        others.forEach(o -> submitter.submit(result(o)));

        await().atMost(WAIT).until(() -> submitter.delivered() == 10);
        assertThat(deliveredTo("h1")).as("the refused result sent once, then the others in order")
                .containsExactlyElementsOf(concat(ghost, others));
        assertThat(submitter.rejected()).isEqualTo(1);
        assertThat(submitter.lastRejection()).isEqualTo("refused the result for host h1, service ghost:"
                + " HTTP 500 with no result: Icinga has no such object");
        assertThat(submitter.failedAttempts()).isZero();
    }

    @Test
    void perResult404InAnAnswerIsRefusedForGood() throws Exception {
        String gone = "h2!gone";
        icinga.answer(gone, new Answer(500, "{\"results\":[{\"code\":404.0,"
                + "\"status\":\"Cannot process passive check result for non-existent object.\"}]}"));
        IcingaApiSubmitter submitter = submitter();

        submitter.submit(result(gone));
        submitter.submit(result("h2!after"));

        await().atMost(WAIT).until(() -> submitter.delivered() == 1);
        assertThat(deliveredTo("h2")).containsExactly(gone, "h2!after");
        assertThat(submitter.lastRejection()).isEqualTo("refused the result for host h2, service gone: HTTP 500:"
                + " Cannot process passive check result for non-existent object.");
    }

    @Test
    void transientFailureIsRetriedWithGrowingDelaysWithoutHoldingBackTheOthers() throws Exception {
        String flaky = "h3!flaky";
        List<String> others = onHost("h3", OTHERS);
        Answer unavailable = new Answer(503, "{\"error\":503,\"status\":\"Shutting down.\"}");
        icinga.answer(flaky, unavailable, unavailable);
        IcingaApiSubmitter submitter = submitter();

        submitter.submit(result(flaky));
        others.forEach(o -> submitter.submit(result(o)));

        await().atMost(WAIT).until(() -> submitter.delivered() == 11);
        List<String> order = deliveredTo("h3");
        assertThat(order.subList(0, 2)).as("the failing result first, then the first of the others at once")
                .containsExactly(flaky, others.get(0));
        assertThat(order.indexOf(others.get(9))).as("all others delivered before the retries end")
                .isLessThan(order.lastIndexOf(flaky));
        List<Instant> tries = icinga.requestsFor(flaky).stream().map(FakeIcingaApi.Request::at).toList();
        assertThat(tries).hasSize(3);
        assertThat(Duration.between(tries.get(0), tries.get(1))).isGreaterThanOrEqualTo(RETRY.delay(1));
        assertThat(Duration.between(tries.get(1), tries.get(2))).isGreaterThanOrEqualTo(RETRY.delay(2));
        assertThat(submitter.failedAttempts()).isEqualTo(2);
    }

    @Test
    void aResultThatAlwaysFailsNeverStallsTheFeed() throws Exception {
        String broken = "h4!broken";
        Answer failing = new Answer(500, "{\"results\":[{\"code\":500.0,\"status\":\"Action execution failed.\"}]}");
        icinga.answer(broken, failing, failing, failing, failing, failing, failing, failing, failing, failing, failing,
                failing, failing, failing, failing, failing, failing, failing, failing, failing, failing);
        IcingaApiSubmitter submitter = submitter();
        submitter.submit(result(broken));
        await().atMost(WAIT).until(() -> icinga.requestsFor(broken).size() >= 2);

        // Results that come while it is still failing, as a daemon's checks do, go through at once.
        for (String later : List.of("h4!a", "h4!b", "h4!c")) {
            submitter.submit(result(later));
            await().atMost(WAIT).until(() -> deliveredTo("h4").contains(later));
        }
        assertThat(submitter.delivered()).isEqualTo(3);
        assertThat(submitter.currentFailure()).contains("host h4, service broken");
    }

    @Test
    void aNewerResultReplacesTheOneWaitingForARetry() throws Exception {
        String object = "h5!web";
        icinga.answer(object, new Answer(503, "{}"));
        IcingaApiSubmitter submitter = submitter();
        PassiveResult older = PassiveResult.service("h5", "web", 2, "older", "", "", T);
        PassiveResult newer = PassiveResult.service("h5", "web", 0, "newer", "", "", T.plusSeconds(30));

        submitter.submit(older);
        await().atMost(WAIT).until(() -> submitter.failedAttempts() == 1);
        submitter.submit(newer);

        await().atMost(WAIT).until(() -> submitter.delivered() == 1);
        assertThat(icinga.requestsFor(object)).extracting(r -> r.body().path("plugin_output").asText())
                .containsExactly("older", "newer");
        submitter.close();
        assertThat(icinga.requestsFor(object)).as("the older result is never sent after the newer").hasSize(2);
    }

    @Test
    void resultsRefusedForWantOfCredentialsAreKeptUntilIcingaIsFixed() throws Exception {
        String object = "h6!web";
        Answer unauthorized = new Answer(401, "{\"error\":401,\"status\":\"Unauthorized. Please check your user credentials.\"}");
        icinga.answer(object, unauthorized, unauthorized);
        IcingaApiSubmitter submitter = submitter();

        submitter.submit(result(object));

        await().atMost(WAIT).until(() -> submitter.delivered() == 1);
        assertThat(icinga.requestsFor(object)).hasSize(3);
        assertThat(submitter.rejected()).isZero();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
