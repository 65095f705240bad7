package org.smart.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeySuggestionTest {

    private static final List<String> HOST_CONF = SettingKeys.names();
    private static final List<String> SERVICE_KEYS = List.of("name", "process", "port", "args", "procs", "start",
            "start_mode", "pid_file", "socket_file", "check", "plugin", "host", "interval", "depends_on");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CHECK_TIMOUT, CHECK_TIMEOUT",     // a letter left out
        "CHEKC_TIMEOUT, CHECK_TIMEOUT",    // two letters swapped
        "check_timeout, CHECK_TIMEOUT",    // smart.yml's spelling in host.conf
        "MAILTO, MAIL_TO",
        "SMTP_PROT, SMTP_PORT",
        "FLAPING_HIHG, FLAPPING_HIGH",     // two slips in a long key
        "STATEDIR, STATE_DIR",
        "RESTART_LIMT, RESTART_LIMIT",
    })
    void aSlipSuggestsTheKeyMeant(String typed, String meant) {
        assertThat(KeySuggestion.closest(typed, HOST_CONF)).contains(meant);
    }

    @ParameterizedTest
    @CsvSource({"colour", "PASSWORD", "TIMEOUT", "x", "''"})
    void anotherWordSuggestsNothing(String typed) {
        assertThat(KeySuggestion.closest(typed, HOST_CONF)).isEmpty();
        assertThat(KeySuggestion.didYouMean(typed, HOST_CONF)).isEmpty();
    }

    @Test
    void aShortKeyAllowsOneSlipOnly() {
        assertThat(KeySuggestion.closest("prot", SERVICE_KEYS)).contains("port");
        assertThat(KeySuggestion.closest("hots", SERVICE_KEYS)).contains("host");
        assertThat(KeySuggestion.closest("prt", SERVICE_KEYS)).contains("port");
        assertThat(KeySuggestion.closest("pt", SERVICE_KEYS)).isEmpty();
        assertThat(KeySuggestion.closest("dependson", SERVICE_KEYS)).contains("depends_on");
        assertThat(KeySuggestion.closest("startMode", SERVICE_KEYS)).contains("start_mode");
    }

    @Test
    void onATieTheFirstKnownKeyWins() {
        assertThat(KeySuggestion.closest("ab", List.of("ax", "xb"))).contains("ax");
    }

    @Test
    void theDistanceCountsASwapAsOneEdit() {
        assertThat(KeySuggestion.distance("abcd", "abcd")).isZero();
        assertThat(KeySuggestion.distance("abdc", "abcd")).isEqualTo(1);
        assertThat(KeySuggestion.distance("abc", "abxc")).isEqualTo(1);
        assertThat(KeySuggestion.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySuggestion.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void theMessageQuotesTheKey() {
        assertThat(KeySuggestion.didYouMean("INTERVALL", HOST_CONF)).isEqualTo(" did you mean 'INTERVAL'?");
    }
}
