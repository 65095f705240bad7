package org.smart.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModeStoreTest {

    @TempDir
    Path stateDir;

    @Test
    void modesSurviveARoundTripOwnerOnly() throws Exception {
        ModeStore store = new ModeStore(stateDir);
        Map<String, ServiceMode> modes = new LinkedHashMap<>();
        modes.put("web", new ServiceMode(ServiceMode.Monitoring.STOPPED, null, null, "alice"));
        modes.put("db", new ServiceMode(ServiceMode.Monitoring.MONITORED, Instant.parse("2026-12-04T22:00:00Z"),
                "planned work", "bob"));

        store.save(modes);

        assertThat(store.load()).isEqualTo(modes);
        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void noFileMeansEveryServiceIsMonitored() throws Exception {
        assertThat(new ModeStore(stateDir).load()).isEmpty();
    }

    @Test
    void aBadTimeIsAnErrorNamingTheFile() throws Exception {
        Files.writeString(stateDir.resolve(ModeStore.FILE_NAME), "{\"web\":{\"silenced_until\":\"tomorrow\"}}");

        assertThatThrownBy(() -> new ModeStore(stateDir).load()).hasMessageContaining(ModeStore.FILE_NAME);
    }
}
