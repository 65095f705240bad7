package org.smart.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smart.process.PidFileReader;
import org.smart.ssh.RemoteCommand;

class PidFilesAndPortsTest {

    private static final List<Path> FILES = List.of(Path.of("/run/a.pid"), Path.of("/run/b.pid"),
            Path.of("/run/c.pid"), Path.of("/run/d.pid"));

    @Test
    void readsEachPidFileAndTheListeningPorts() throws Exception {
        PidFilesAndPorts read = PidFilesAndPorts.parse(String.join("\n", "C1234", "M", "E permission denied", "D42",
                "0100007F:1F90", "00000000000000000000000000000000:0016", ""), FILES);

        PidFileReader reader = read.reader();
        assertThat(reader.readHead(Path.of("/run/a.pid"), 65)).isEqualTo("1234");
        assertThatThrownBy(() -> reader.readHead(Path.of("/run/b.pid"), 65)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> reader.readHead(Path.of("/run/c.pid"), 65)).isInstanceOf(AccessDeniedException.class);
        assertThat(reader.readHead(Path.of("/run/d.pid"), 65)).as("more lines make it no pid").isEqualTo("42\n…");
        assertThatThrownBy(() -> reader.readHead(Path.of("/run/other.pid"), 65)).isInstanceOf(NoSuchFileException.class);
        assertThat(read.ports()).containsExactly(22, 8080);
        assertThat(read.portProbe().probe("127.0.0.1", 8080, null).responding()).isTrue();
        assertThat(read.portProbe().probe("127.0.0.1", 8081, null).detail()).isEqualTo("nothing listens on it");
    }

    @Test
    void outputWithoutALineForEveryFileIsRefused() {
        assertThatThrownBy(() -> PidFilesAndPorts.parse("C1\n", FILES))
                .hasMessage("expected 4 pid file lines, got 1");
        assertThatThrownBy(() -> PidFilesAndPorts.parse("C1\nC2\nX\nC4\n", FILES))
                .hasMessage("unexpected pid file line 'X'");
    }

    @Test
    void fileNamesAreArgumentsNotScript() {
        RemoteCommand command = PidFilesAndPorts.command(List.of(Path.of("/run/x'; rm -rf /; '.pid")), true);

        assertThat(command.argv()).endsWith("1", "/run/x'; rm -rf /; '.pid");
        assertThat(command.quoted()).endsWith(" 1 '/run/x'\\''; rm -rf /; '\\''.pid'");
    }
}
