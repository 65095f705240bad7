package org.smart.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartCommandTest {

    private static final Path CONF = Path.of("/etc/smart");

    @Test
    void plainCommandIsExecutedWithoutAShell() {
        assertThat(StartCommand.argv("/usr/sbin/cron -f", null, CONF)).containsExactly("/usr/sbin/cron", "-f");
    }

    @Test
    void initScriptGetsStartOrStopAsItsLastArgument() {
        assertThat(StartCommand.argv("/etc/init.d/ssh", "stop", CONF)).containsExactly("/etc/init.d/ssh", "stop");
    }

    @Test
    void quotesGroupWords() {
        assertThat(StartCommand.argv("/opt/app/run --name 'my app' --dir \"/a b\"", null, CONF))
                .containsExactly("/opt/app/run", "--name", "my app", "--dir", "/a b");
    }

    @Test
    void relativePathIsResolvedAgainstTheConfigurationDirectory() {
        assertThat(StartCommand.argv("./daemons/web --port 1", null, CONF))
                .containsExactly("/etc/smart/daemons/web", "--port", "1");
    }

    @Test
    void bareCommandNameIsLeftForPathLookup() {
        assertThat(StartCommand.argv("systemctl start ssh", null, CONF)).containsExactly("systemctl", "start", "ssh");
    }

    @Test
    void shellSyntaxRunsThroughShAsWrittenAndTheArgumentStaysAPositionalParameter() {
        assertThat(StartCommand.argv("cd /srv && ./run >/dev/null", "start", CONF))
                .containsExactly("/bin/sh", "-c", "cd /srv && ./run >/dev/null \"$@\"", "smart", "start");
        assertThat(StartCommand.argv("cd /srv && ./run", null, CONF)).containsExactly("/bin/sh", "-c", "cd /srv && ./run");
    }

    @Test
    void shellCharactersInsideSingleQuotesAreJustText() {
        assertThat(StartCommand.argv("/bin/echo 'a;b'", null, CONF)).containsExactly("/bin/echo", "a;b");
    }

    @Test
    void unbalancedQuoteIsAnError() {
        assertThatThrownBy(() -> StartCommand.argv("/bin/echo 'oops", null, CONF))
                .hasMessageContaining("unbalanced");
    }
}
