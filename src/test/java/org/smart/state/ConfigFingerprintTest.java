package org.smart.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smart.model.Origin;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.model.StartMode;

class ConfigFingerprintTest {

    private static ServiceSpec apache(String startCommand, int line) {
        return new ServiceSpec("apache", "apache2", 80, "", 20, 1, startCommand, Path.of("/run/apache2.pid"), null,
                StartMode.INIT_SCRIPT, "http.sh", Origin.of(Path.of("/etc/smart/services.conf"), line),
                ServicePolicy.DEFAULT);
    }

    @Test
    void movingTheDeclarationIsNotAChange() {
        assertThat(ConfigFingerprint.of(apache("/etc/init.d/apache2", 3)))
                .isEqualTo(ConfigFingerprint.of(apache("/etc/init.d/apache2", 17)))
                .matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void changingAFieldOrAnExtraSettingIsAChange() {
        String before = ConfigFingerprint.of(apache("/etc/init.d/apache2", 3), List.of("db"), 3);

        assertThat(ConfigFingerprint.of(apache("/usr/sbin/apachectl", 3), List.of("db"), 3)).isNotEqualTo(before);
        assertThat(ConfigFingerprint.of(apache("/etc/init.d/apache2", 3), List.of("db"), 1)).isNotEqualTo(before);
        assertThat(ConfigFingerprint.of(apache("/etc/init.d/apache2", 3), "ab", "c"))
                .isNotEqualTo(ConfigFingerprint.of(apache("/etc/init.d/apache2", 3), "a", "bc"));
    }
}
