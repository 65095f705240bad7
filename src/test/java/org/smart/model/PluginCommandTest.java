package org.smart.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginCommandTest {

    private static final Map<String, String> VALUES = Map.of("HOST", "10.0.0.7", "PORT", "8080", "TIMEOUT", "10",
            "SERVICE", "web", "PLUGINS", "/etc/smart/plugins");

    @Test
    void aBareNameIsAStandardPluginAndMacrosAreReplacedInsideWords() {
        PluginCommand plugin = PluginCommand.parse("check_http -H $HOST -p $PORT -t $TIMEOUT -u /health?s=$SERVICE");

        assertThat(plugin.argv(VALUES)).containsExactly("/usr/lib/nagios/plugins/check_http",
                "-H", "10.0.0.7", "-p", "8080", "-t", "10", "-u", "/health?s=web");
        assertThat(plugin.name()).isEqualTo("check_http");
        assertThat(plugin.macrosUsed()).containsExactly("HOST", "PORT", "TIMEOUT", "SERVICE");
    }

    @Test
    void quotesGroupWordsAndNoValueBecomesSeveralWords() {
        PluginCommand plugin = PluginCommand.parse("check_dummy 0 \"up on $HOST:$PORT\"");

        assertThat(plugin.argv(Map.of("HOST", "a b; rm -rf /", "PORT", "1")))
                .containsExactly("/usr/lib/nagios/plugins/check_dummy", "0", "up on a b; rm -rf /:1");
    }

    @Test
    void thePluginIsABareNameUnderPluginsOrAnAbsolutePathAndNothingElse() {
        assertThat(PluginCommand.parse("/opt/plugins/check_x").argv(VALUES).get(0)).isEqualTo("/opt/plugins/check_x");
        assertThat(PluginCommand.parse("$PLUGINS/check_mine").argv(VALUES).get(0))
                .isEqualTo("/etc/smart/plugins/check_mine");
        assertThatThrownBy(() -> PluginCommand.parse("./bin/check_x"))
                .hasMessageStartingWith("'./bin/check_x': name the plugin by its bare name");
        assertThatThrownBy(() -> PluginCommand.parse("$HOST/check_x")).hasMessageContaining("$PLUGINS/NAME");
    }

    @Test
    void aDoubledDollarIsADollarSign() {
        assertThat(PluginCommand.parse("check_http -r '^ok$$'").argv(VALUES)).endsWith("^ok$");
    }

    @Test
    void unknownMacrosLoneDollarsAndBadQuotesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PluginCommand.parse("check_http -H $HOSTNAME"))
                .hasMessageStartingWith("unknown macro $HOSTNAME (known: $HOST, $PORT");
        assertThatThrownBy(() -> PluginCommand.parse("check_http -r 'ok$'"))
                .hasMessageStartingWith("a lone $ (write $$ for a dollar sign");
        assertThatThrownBy(() -> PluginCommand.parse("check_http -s \"unclosed"))
                .hasMessage("unbalanced \" in plugin command");
        assertThatThrownBy(() -> PluginCommand.parse("  ")).hasMessage("empty plugin command");
    }
}
