package org.smart.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smart.ssh.RemoteCommand;

class RemoteCommandRunnerTest {

    @Test
    void runsTheArgvInItsDirectoryWithExactlyItsEnvironment() {
        RemoteCommand command = RemoteCommandRunner.command(Path.of("/etc/smart"),
                Map.of("SMART_SERVICE", "web; reboot", "PATH", "/bin"), List.of("/etc/smart/scripts/web.nag", "$HOME", ""));

        assertThat(command.argv()).containsExactly("sh", "-c", RemoteCommand.IN_DIRECTORY, "smart", "/etc/smart",
                "PATH=/bin", "SMART_SERVICE=web; reboot", "/etc/smart/scripts/web.nag", "$HOME", "");
        assertThat(command.quoted()).endsWith(" smart /etc/smart PATH=/bin 'SMART_SERVICE=web; reboot'"
                + " /etc/smart/scripts/web.nag '$HOME' ''");
    }

    @Test
    void aProgramNameThatEnvWouldTakeForAVariableIsRefused() {
        assertThatThrownBy(() -> RemoteCommandRunner.command(Path.of("/"), Map.of(), List.of("/x/a=b")))
                .hasMessage("a remote program name cannot contain '=': '/x/a=b'");
    }
}
