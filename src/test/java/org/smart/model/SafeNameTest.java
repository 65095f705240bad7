package org.smart.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"web", "IMAP", "getty@tty1", "web-2.eu_1", "0day", "a"})
    void namesFromTheAlphabetAreSafe(String name) {
        assertThat(SafeName.serviceNameProblem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "...", "../../escape", "web/1", "-x", "_x", "@x", "my web", "wéb",
            "a\0b", "tab\there"})
    void anythingElseIsNot(String name) {
        assertThat(SafeName.serviceNameProblem(name)).isPresent();
        assertThat(SafeName.isSafeServiceName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db1", "db1.example.org", "web_2"})
    void hostNamesAreTheSameAlphabetWithoutTheAt(String name) {
        assertThat(SafeName.hostNameProblem(name)).isEmpty();
        assertThat(SafeName.hostNameProblem(name + "@x")).isPresent();
    }

    @Test
    void aNameHasAtMostAHundredCharacters() {
        assertThat(SafeName.serviceNameProblem("a".repeat(100))).isEmpty();
        assertThat(SafeName.serviceNameProblem("a".repeat(101))).hasValue("is 101 characters long; a name has at most 100");
    }
}
