package org.smart.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonConfigOptionsTest {

    @Test
    void underSudoTheStateDirectoryIsRefusedBeforeAnythingIsRead() {
        DaemonConfigOptions options = new DaemonConfigOptions();
        options.conf = new SmartCommand.ConfOption();
        options.stateDir = Path.of("/tmp/chosen-by-the-operator");

        assertThatThrownBy(() -> options.load(new Invocation(0, "sysman", Map.of())))
                .isInstanceOf(ConfigLocator.RefusedException.class)
                .hasMessageContaining("--state-dir is refused under sudo").hasMessageContaining("sysman");
    }
}
