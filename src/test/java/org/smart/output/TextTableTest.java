package org.smart.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsColumnsAndLeavesNoTrailingBlanks() {
        String text = new TextTable("NAME", "STATE", "CHECK").add("web", "OK", "fine").add("database", "DOWN", "")
                .render();
        assertThat(text).isEqualTo("""
                NAME      STATE  CHECK
                web       OK     fine
                database  DOWN
                """);
    }

    @Test
    void aCellsControlCharactersAreShownAsEscapesNeverSentToTheTerminal() {
        String text = new TextTable("NAME", "CHECK").add("web", "OK \u001b[2J\ttab\0").render();

        assertThat(text).isEqualTo("NAME  CHECK\nweb   OK \\x{1B}[2J\\ttab\\0\n");
    }

    @Test
    void rejectsARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new TextTable("A", "B").add("1")).hasMessageContaining("expected 2 cells");
    }
}
