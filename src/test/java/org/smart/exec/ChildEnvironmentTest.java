package org.smart.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    @Test
    void keepsOnlyTheAllowList() {
        Map<String, String> parent = Map.ofEntries(entry("PATH", "/usr/bin"), entry("LANG", "de_DE.UTF-8"),
                entry("LC_ALL", "C"), entry("LC_MESSAGES", "C"), entry("TZ", "UTC"), entry("HOME", "/root"),
                entry("USER", "root"), entry("LOGNAME", "root"), entry("TMPDIR", "/tmp"),
                entry("SMART_SMTP_PASSWORD", "hunter2"), entry("SSH_AUTH_SOCK", "/tmp/agent"),
                entry("LD_PRELOAD", "/evil.so"), entry("JAVA_TOOL_OPTIONS", "-X"), entry("XLC_FOO", "x"));

        assertThat(ChildEnvironment.filtered(parent).variables()).containsOnlyKeys("PATH", "LANG", "LC_ALL",
                "LC_MESSAGES", "TZ", "HOME", "USER", "LOGNAME", "TMPDIR");
    }

    @Test
    void givesADefaultPathWhenThereIsNone() {
        assertThat(ChildEnvironment.filtered(Map.of()).variables())
                .containsExactly(entry("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        assertThat(ChildEnvironment.filtered(Map.of("PATH", "")).variables())
                .containsEntry("PATH", ChildEnvironment.DEFAULT_PATH);
    }

    @Test
    void withAddsAndReplacesWithoutChangingTheOriginal() {
        ChildEnvironment base = ChildEnvironment.filtered(Map.of("PATH", "/bin", "LANG", "C"));

        ChildEnvironment extended = base.with(Map.of("LANG", "C.UTF-8", "SERVICE", "imap"));

        assertThat(extended.variables()).containsOnly(entry("PATH", "/bin"), entry("LANG", "C.UTF-8"),
                entry("SERVICE", "imap"));
        assertThat(base.variables()).containsOnly(entry("PATH", "/bin"), entry("LANG", "C"));
    }

    @Test
    void currentProcessEnvironmentIsFilteredToo() {
        assertThat(ChildEnvironment.ofCurrentProcess().variables().keySet())
                .allMatch(name -> name.startsWith("LC_") || Map.of("PATH", 1, "LANG", 1, "TZ", 1, "HOME", 1, "USER", 1,
                        "LOGNAME", 1, "TMPDIR", 1).containsKey(name))
                .contains("PATH");
    }

    @Test
    void rejectsNamesAndValuesAChildCannotGet() {
        ChildEnvironment base = ChildEnvironment.filtered(Map.of());

        assertThatThrownBy(() -> base.with(Map.of("A=B", "x"))).hasMessage("invalid environment variable name 'A=B'");
        assertThatThrownBy(() -> base.with(Map.of("", "x"))).hasMessage("invalid environment variable name ''");
        assertThatThrownBy(() -> base.with(Map.of("A", "x\0y"))).hasMessage("environment variable A contains a NUL character");
    }
}
