package org.smart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLocatorTest {

    private static final Path SYSTEM = ConfigLocator.systemConfig();

    @Test
    void optionWinsOverEnvironmentWhichWinsOverSystemDefault() {
        Invocation user = new Invocation(1000, null, Map.of("SMART_CONF", "/home/u/smart"));
        assertThat(ConfigLocator.locate(Path.of("/x"), user)).isEqualTo(Path.of("/x"));
        assertThat(ConfigLocator.locate(null, user)).isEqualTo(Path.of("/home/u/smart"));
        assertThat(ConfigLocator.locate(null, new Invocation(1000, null, Map.of()))).isEqualTo(SYSTEM);
    }

    @Test
    void rootWithoutSudoMayChoose() {
        assertThat(ConfigLocator.locate(Path.of("/x"), new Invocation(0, null, Map.of()))).isEqualTo(Path.of("/x"));
    }

    @Test
    void underSudoTheOptionIsRefused() {
        Invocation sudo = new Invocation(0, "sysman", Map.of());
        assertThatThrownBy(() -> ConfigLocator.locate(Path.of("/home/sysman/evil"), sudo))
                .isInstanceOf(ConfigLocator.RefusedException.class)
                .hasMessageContaining("--conf is refused under sudo").hasMessageContaining("sysman");
    }

    @Test
    void underSudoTheEnvironmentIsRefused() {
        Invocation sudo = new Invocation(0, "sysman", Map.of("SMART_CONF", "/home/sysman/evil"));
        assertThatThrownBy(() -> ConfigLocator.locate(null, sudo))
                .isInstanceOf(ConfigLocator.RefusedException.class).hasMessageContaining("SMART_CONF is refused");
    }

    @Test
    void underSudoTheSystemConfigurationIsUsed() {
        assertThat(ConfigLocator.locate(null, new Invocation(0, "sysman", Map.of()))).isEqualTo(SYSTEM);
    }

    @Test
    void invokerIsTheSudoUserElseTheLoginName() {
        assertThat(new Invocation(0, "sysman", Map.of("USER", "root")).invoker()).isEqualTo("sysman");
        assertThat(new Invocation(1000, null, Map.of("USER", "alice")).invoker()).isEqualTo("alice");
    }
}
