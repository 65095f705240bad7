package org.smart.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTextTest {

    @Test
    void controlCharactersAreShownAsEscapesAndPrintableTextIsLeftAlone() {
        assertThat(PrintableText.visible("a\0b\tc\nd\re\u001b[2J\u0085\u2028 é🙂"))
                .isEqualTo("a\\0b\\tc\\nd\\re\\x{1B}[2J\\x{85}\\x{2028} é🙂");
        assertThat(PrintableText.visibleKeepingTabs("a\tb\0")).isEqualTo("a\tb\\0");
        assertThat(PrintableText.visible("plain")).isSameAs("plain");
    }

    @Test
    void aLoneSurrogateIsAControlCharacterSinceNoFileNameCanHoldIt() {
        assertThat(PrintableText.firstControl("ab\ud800")).isEqualTo(2);
        assertThat(PrintableText.firstControl("a🙂b")).isEqualTo(-1);
    }

    @Test
    void aLongMessageKeepsItsStartAndEnd() {
        String message = "'" + "9".repeat(10_000) + "' is not a whole number";

        String shown = PrintableText.message(message);

        assertThat(shown).hasSizeLessThan(1100).startsWith("'999").endsWith("9' is not a whole number")
                .contains("[… ").contains(" characters left out …]");
    }
}
