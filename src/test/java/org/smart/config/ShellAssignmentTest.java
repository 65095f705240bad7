package org.smart.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellAssignmentTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            K=plain                         | plain
            K='single quoted # not a comment' | single quoted # not a comment
            K="double \\"quoted\\" \\$HOME" | double "quoted" $HOME
            K="keeps \\n as is"             | keeps \\n as is
            K=a\\ b                         | a b
            K=a'b c'"d e"                   | ab cd e
            K=value # comment               | value
            K=value#not-a-comment           | value#not-a-comment
            K='$literal `too`'              | $literal `too`
            K=                              | ^^
            K=   # only a comment           | ^^
            export   K=exported             | exported
            """)
    void readsValuesLikeTheShell(String line, String expected) throws Exception {
        ShellAssignment assignment = ShellAssignment.parse(line).orElseThrow();

        assertThat(assignment.name()).isEqualTo("K");
        assertThat(assignment.value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''
            '   '
            '# K=commented out'
            '   # indented comment'
            """)
    void blankAndCommentLinesHoldNothing(String line) throws Exception {
        assertThat(ShellAssignment.parse(line)).isEmpty();
    }
}
