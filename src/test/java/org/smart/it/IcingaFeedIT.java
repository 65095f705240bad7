package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.feed.FakeIcingaApi;

/**
 * Issue 10, case 10, end to end: a one-shot {@code bin/smart} run feeding an Icinga 2 API that defines no
 * object for the first service (and answers for it as 2.13 does: HTTP 500 {@code {"results":[]}}).
 */
class IcingaFeedIT {

    private static final List<String> OTHERS = IntStream.rangeClosed(1, 10).mapToObj(i -> "svc" + i).toList();

    @TempDir
    Path tmp;

    private FakeIcingaApi icinga;
    private ConfigDir conf;
    private final SmartCli smart = new SmartCli().env("SMART_ICINGA_USER", "smart").env("SMART_ICINGA_PASSWORD", "secret");

    @BeforeEach
    void setUp() throws Exception {
        icinga = FakeIcingaApi.start(tmp.resolve("pki"));
        conf = new ConfigDir(tmp.resolve("conf"));
    }

    @AfterEach
    void tearDown() {
        icinga.close();
    }

    private static List<String> allServices() {
        return Stream.concat(Stream.of("ghost"), OTHERS.stream()).toList();
    }

    private void feedEveryServiceTo(String apiUrl, String drainTimeout) {
        String services = allServices().stream()
                .map(name -> "  - { name: " + name + ", procs: {min: 0, max: 0} }")
                .collect(Collectors.joining("\n"));
        conf.smartYml("""
                services:
                %s
                feed:
                  icinga_api:
                    url: %s
                    ca_file: %s
                    drain_timeout: %s
                """.formatted(services, apiUrl, icinga.caFile(), drainTimeout)).write();
    }

    @Test
    void aResultIcingaHasNoObjectForIsLoggedOnceAndTheTenOthersAreDelivered() {
        icinga.unknown("testhost!ghost");
        feedEveryServiceTo(icinga.url().toString(), "20s");

        SmartCli.Result result = smart.run("--conf", conf.path());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(icinga.objects()).as(result.toString())
                .containsExactlyInAnyOrderElementsOf(allServices().stream().map(s -> "testhost!" + s).toList());
        assertThat(result.err().lines().filter(l -> l.contains("ghost")).toList()).as(result.toString())
                .singleElement().asString()
                .contains("refused the result for host testhost, service ghost")
                .contains("Icinga has no such object")
                .contains("not retried");
        assertThat(result.err()).doesNotContain("not delivered");
    }

    @Test
    void resultsNotDeliveredWithinTheDrainTimeAreNamed() {
        feedEveryServiceTo("https://127.0.0.1:1", "1s");

        SmartCli.Result result = smart.run("--conf", conf.path());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String summary = result.err().lines().filter(l -> l.contains("not delivered")).findFirst().orElse("");
        assertThat(summary).as(result.toString()).contains("11 result(s) not delivered")
                .contains("host testhost, service ghost").contains("host testhost, service svc10")
                .contains("cannot connect");
    }
}
