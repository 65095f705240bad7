package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"web01", "web01.example.com", "disk /var", "HTTP!8080", "Ünïcödé", "a:b,c=d"})
    void acceptsPrintableOneLineNames(String name) {
        assertThat(NameValidator.problem("service name", name)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a;b                  | service name 'a;b' contains ';', the field separator of Nagios external commands",
        "\"\"                 | service name is empty",
        "\" web\"             | service name ' web' starts or ends with white space, which Nagios strips from object names",
        "\"web \"             | service name 'web ' starts or ends with white space",
    })
    void refusesWithMessageNamingTheProblem(String name, String message) {
        assertThat(NameValidator.problem("service name", name)).hasValueSatisfying(m -> assertThat(m).startsWith(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "a\tb", "a\u001bb", "a\u0085b", "a\u2028b"})
    void refusesControlCharactersAndShowsThemEscaped(String name) {
        String message = NameValidator.problem("host name", name).orElseThrow();
        assertThat(message).contains("control character U+").doesNotContain("\n", "\r", "\u0000");
    }

    @Test
    void refusesOverlongNames() {
        assertThat(NameValidator.problem("host name", "x".repeat(NameValidator.MAX_BYTES + 1)))
                .hasValue("host name is 1001 bytes long; at most 1000 are allowed");
    }

    @Test
    void passiveResultRefusesBadNamesEvenWithoutConfigValidation() {
        assertThatThrownBy(() -> PassiveResult.service("h", "x;2;pwned", 0, "ok", "", "", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains ';'");
        assertThatThrownBy(() -> PassiveResult.host("h\n[1] SHUTDOWN_PROCESS", 0, "ok", "", "", Instant.EPOCH))
                .hasMessageContaining("control character U+000A");
    }

    @Test
    void passiveResultChecksCodes() {
        assertThatThrownBy(() -> PassiveResult.service("h", "s", 4, "", "", "", Instant.EPOCH))
                .hasMessage("service result code must be 0-3, not 4");
        assertThatThrownBy(() -> PassiveResult.host("h", 3, "", "", "", Instant.EPOCH))
                .hasMessage("host result code must be 0-2, not 3");
    }
}
