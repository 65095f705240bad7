package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restart procedure of SPEC section 4, step by step, with real processes and files. */
class RestartIT {

    @TempDir
    Path tmp;

    private final FakeDaemons daemons = new FakeDaemons();
    private final SmartCli smart = new SmartCli();
    private ConfigDir conf;
    private Path startScript;

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(tmp.resolve("conf"));
        startScript = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
    }

    @AfterEach
    void tearDown() {
        daemons.close();
    }

    @Test
    void initScriptIsStoppedThenStarted() throws Exception {
        String token = daemons.newToken();
        Path calls = tmp.resolve("calls");
        Path pid = conf.dir.resolve("svc.pid");
        Path init = conf.script("init.d/svc", """
                #!/bin/sh
                echo "$1" >> %s
                case "$1" in
                  start) exec %s %s %s ;;
                  stop) exit 0 ;;
                esac
                """.formatted(calls, startScript, pid, token));
        conf.service("svc;sleep;" + token + ";1;1;" + init + ";" + pid + ";;1;").write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readAllLines(calls)).containsExactly("stop", "start");
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
    }

    @Test
    void onlyTheServicesOwnLeftoversAreStopped() throws Exception {
        String mine = daemons.newToken();
        String other = daemons.newToken();
        Path pid = conf.dir.resolve("svc.pid");
        conf.script("scripts/ok.sh", "#!/bin/sh\necho up\n");
        conf.service("svc;sleep;" + mine + ";1;1;" + startScript + " " + pid + " " + mine + ";;;0;ok.sh").write();
        daemons.startDirectly(startScript, tmp.resolve("a.pid"), mine);
        daemons.startDirectly(startScript, tmp.resolve("b.pid"), mine);
        daemons.startDirectly(startScript, tmp.resolve("c.pid"), other);

        SmartCli.Result result = smart.run("--conf", conf.path(), "-w");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(FakeDaemons.count(mine)).isEqualTo(1);
        assertThat(FakeDaemons.count(other)).as("another program's sleep is left alone").isEqualTo(1);
        assertThat(result.out()).contains("stopped 2 leftover");
    }

    @Test
    void leftoverThatIgnoresTermIsKilled() throws Exception {
        String token = daemons.newToken();
        Path stubborn = conf.script("daemons/stubborn", """
                #!/bin/sh
                trap '' TERM
                echo $$ > "$1"
                exec sleep "$2"
                """);
        Path pid = conf.dir.resolve("svc.pid");
        conf.script("scripts/ok.sh", "#!/bin/sh\necho up\n");
        conf.setHost("STOP_TIMEOUT", "1")
                .service("svc;sleep;" + token + ";1;1;" + startScript + " " + pid + " " + token + ";;;0;ok.sh").write();
        daemons.startDirectly(stubborn, tmp.resolve("a.pid"), token);
        daemons.startDirectly(stubborn, tmp.resolve("b.pid"), token);

        SmartCli.Result result = smart.run("--conf", conf.path(), "-w");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
    }

    @Test
    void stalePidFileAndSocketFileAreRemovedBeforeTheStart() throws Exception {
        String token = daemons.newToken();
        Path pid = conf.dir.resolve("svc.pid");
        Path sock = tmp.resolve("svc.sock");
        // A reused PID: the file names a live process that is not the service (this test's JVM).
        Files.writeString(pid, ProcessHandle.current().pid() + "\n");
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(sock));
        }
        assertThat(sock).exists();
        Path start = conf.script("daemons/checking-start", """
                #!/bin/sh
                # Refuses to start while the old socket is there, like many daemons do.
                [ -e %s ] && exit 1
                exec %s %s %s
                """.formatted(sock, startScript, pid, token));
        conf.service("svc;sleep;" + token + ";1;1;" + start + ";" + pid + ";" + sock + ";0;").write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("removed stale pid file").contains("removed stale socket file");
        assertThat(sock).doesNotExist();
        assertThat(Files.readString(pid).strip()).isNotEqualTo(String.valueOf(ProcessHandle.current().pid()));
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
    }

    @Test
    void foregroundStartCommandNeitherBlocksSmartNorDiesWithIt() throws Exception {
        String token = daemons.newToken();
        Path pid = conf.dir.resolve("svc.pid");
        conf.service("svc;sleep;" + token + ";1;1;" + startScript + " " + pid + " " + token + ";" + pid + ";;0;").write();

        long started = System.nanoTime();
        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(60);
        long daemonPid = Long.parseLong(Files.readString(pid).strip());
        ProcessHandle daemon = ProcessHandle.of(daemonPid).orElseThrow();
        assertThat(daemon.isAlive()).isTrue();
        assertThat(sessionOf(daemonPid)).as("the daemon leads a session of its own").isEqualTo(daemonPid);
        List<String> fds = openDescriptors(daemonPid);
        assertThat(fds).as("no descriptor of SMART is inherited").containsOnly("0", "1", "2");
    }

    @Test
    void serviceThatNeverComesUpIsReportedDownAfterTheStartTimeout() {
        String token = daemons.newToken();
        Path broken = conf.script("daemons/broken", "#!/bin/sh\necho 'cannot bind' >&2\nexit 1\n");
        conf.setHost("START_TIMEOUT", "2").service("svc;sleep;" + token + ";1;1;" + broken + ";;;0;").write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).containsPattern("svc\\s+3\\s+DOWN.*DOWN \\(3\\)");
        assertThat(result.out()).as("what it said, as for a remote one").contains("start command exited 1: cannot bind");
    }

    /** Issue 10: a start command that fails while nothing of the service runs ends the restart at once. */
    @Test
    void aStartCommandThatFailsWhileNothingRunsEndsTheRestartAtOnceWithItsStatusAndLastLines() {
        String token = daemons.newToken();
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        for (int i = 1; i <= 20; i++) {
            script.append("echo 'preparing step ").append(i).append("'\n");
        }
        script.append("echo 'svc.conf line 12: unknown directive' >&2\necho 'cannot bind 0.0.0.0:80' >&2\nexit 3\n");
        Path broken = conf.script("daemons/broken", script.toString());
        conf.setHost("START_TIMEOUT", "60").service("svc;sleep;" + token + ";1;1;" + broken + ";;;0;").write();

        long started = System.nanoTime();
        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(seconds).as("seconds the run took, START_TIMEOUT being 60").isLessThan(20);
        assertThat(result.out()).contains("start command exited 3: preparing step 18 / preparing step 19 / preparing"
                + " step 20 / svc.conf line 12: unknown directive / cannot bind 0.0.0.0:80")
                .doesNotContain("preparing step 17");
    }

    private static long sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    private static List<String> openDescriptors(long pid) throws Exception {
        try (var files = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
