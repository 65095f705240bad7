package org.smart.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smart.model.HostSettings;
import org.smart.model.Origin;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;

class RestartEnvironmentTest {

    private final RestartEnvironment environment = new RestartEnvironment(HostSettings.defaults("h"), Path.of("/etc/smart"),
            Map.of(), Path.of("/var/lib/smart/logs"));

    private static ServiceSpec named(String name) {
        return new ServiceSpec(name, "p", 0, "", 1, 1, "/bin/true", null, null, StartMode.PLAIN, "",
                Origin.of(Path.of("/etc/smart/services.conf"), 1), ServicePolicy.DEFAULT);
    }

    @Test
    void aServiceLogsToItsNameInTheLogDirectory() {
        assertThat(environment.startLog(named("getty@tty1"))).isEqualTo(Path.of("/var/lib/smart/logs/getty@tty1.log"));
    }

    @Test
    void aNameOutsideTheSafeAlphabetNeverChoosesAPath() {
        assertThat(environment.startLog(named("../../escape"))).isNull();
        assertThat(environment.startLog(named("web/1"))).isNull();
    }
}
