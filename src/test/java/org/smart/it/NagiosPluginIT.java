package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard Nagios plugins from Debian's monitoring-plugins, called through {@code .nag} wrappers in
 * {@code scripts/} exactly as the original SMART did, with their output and performance data shown.
 */
class NagiosPluginIT {

    private static final Path PLUGINS = Path.of("/usr/lib/nagios/plugins");

    @TempDir
    Path tmp;

    private final FakeDaemons daemons = new FakeDaemons();
    private final SmartCli smart = new SmartCli();
    private ConfigDir conf;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(PLUGINS.resolve("check_tcp")), "needs monitoring-plugins (.ci/install-deps)");
        conf = new ConfigDir(tmp.resolve("conf"));
        Files.createDirectories(conf.dir.resolve("plugins"));
        for (String plugin : new String[] {"check_tcp", "check_procs", "check_dummy"}) {
            Files.createSymbolicLink(conf.dir.resolve("plugins").resolve(plugin), PLUGINS.resolve(plugin));
        }
        conf.script("scripts/tcp.nag", "#!/bin/sh\nexec \"$SMART_PLUGINS/check_tcp\" -H \"$1\" -p \"$2\" -t \"$3\"\n");
    }

    @AfterEach
    void tearDown() {
        daemons.close();
    }

    @Test
    void checkTcpAnswersForAListeningPortWithItsPerformanceData() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            conf.service("tcp;java:" + server.getLocalPort() + ";;0;0;;;;0;tcp.nag").write();

            SmartCli.Result result = smart.run("--conf", conf.path(), "--json");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            JsonNode service = new ObjectMapper().readTree(result.out()).get("services").get(0);
            assertThat(service.get("status").asInt()).isZero();
            assertThat(service.get("check").get("output").asText()).startsWith("TCP OK");
            assertThat(service.get("check").get("perfdata").get(0).get("label").asText()).isEqualTo("time");
        }
    }

    @Test
    void aPluginLineRunsTheStandardPluginWithItsMacrosReplacedAndNoWrapper() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            conf.smartYml("""
                    services:
                      - name: tcp
                        procs: {min: 0, max: 0}
                        port: %d
                        plugin: check_tcp -H $HOST -p $PORT -t $TIMEOUT
                      - name: says
                        procs: {min: 0, max: 0}
                        plugin: check_dummy 1 "$SERVICE on $HOST; not a shell"
                    """.formatted(server.getLocalPort())).write();

            SmartCli.Result result = smart.run("--conf", conf.path(), "--json");

            JsonNode services = new ObjectMapper().readTree(result.out()).get("services");
            JsonNode tcp = services.get(0).get("check");
            assertThat(tcp.get("kind").asText()).isEqualTo("plugin");
            assertThat(tcp.get("output").asText()).as(result.toString()).startsWith("TCP OK");
            assertThat(tcp.get("perfdata").get(0).get("label").asText()).isEqualTo("time");
            JsonNode says = services.get(1);
            assertThat(says.get("status").asInt()).as(result.toString()).isEqualTo(2);
            assertThat(says.get("check").get("output").asText()).isEqualTo("WARNING: says on 127.0.0.1; not a shell");
            assertThat(says.get("check").get("exit_code").asInt()).isEqualTo(1);
        }
    }

    /** Issue 10 case 13: WARNING (1) is a responding service in a degraded state, not a dead one. */
    @Test
    void aPluginWarningIsWarnWithThePluginsOutputAndIsNotRestarted() throws Exception {
        Path started = tmp.resolve("started");
        Path start = conf.script("daemons/start", "#!/bin/sh\necho start >> " + started + "\n");
        conf.script("scripts/warn.nag", "#!/bin/sh\nexec \"$SMART_PLUGINS/check_dummy\" 1 'disk 91% full'\n");
        conf.script("scripts/crit.nag", "#!/bin/sh\nexec \"$SMART_PLUGINS/check_dummy\" 2 'disk 99% full'\n");
        conf.script("scripts/unknown.nag", "#!/bin/sh\nexec \"$SMART_PLUGINS/check_dummy\" 3 'cannot tell'\n");
        conf.service("warn;none;;0;0;" + start + ";;;0;warn.nag")
                .service("crit;none;;0;0;;;;0;crit.nag")
                .service("unknown;none;;0;0;;;;0;unknown.nag")
                .smartYml("""
                        services:
                          - name: warnplugin
                            procs: {min: 0, max: 0}
                            start: %s
                            plugin: check_dummy 1 warn
                        """.formatted(start)).write();

        SmartCli.Result table = smart.run("--conf", conf.path(), "-d", "warn", "warnplugin");
        SmartCli.Result json = smart.run("--conf", conf.path(), "--json");

        assertThat(table.exitCode()).as(table.toString()).isEqualTo(1);
        assertThat(table.out()).containsPattern("warn\\s+2\\s+WARN\\s+-\\s+-\\s+WARNING: disk 91% full\\s")
                .containsPattern("warnplugin\\s+2\\s+WARN\\s+-\\s+-\\s+WARNING: warn\\s");
        assertThat(started).as("-d does not restart a degraded service").doesNotExist();
        JsonNode services = new ObjectMapper().readTree(json.out()).get("services");
        assertThat(services.get(0).get("state").asText()).as(json.toString()).isEqualTo("WARN");
        assertThat(services.get(0).get("output").asText()).isEqualTo("WARNING: disk 91% full");
        assertThat(services.get(0).get("check").get("responsiveness").asText()).isEqualTo("degraded");
        assertThat(services.get(1).get("status").asInt()).as("CRITICAL keeps its meaning").isEqualTo(4);
        assertThat(services.get(2).get("status").asInt()).as("UNKNOWN keeps its meaning").isEqualTo(4);
        assertThat(services.get(3).get("status").asInt()).isEqualTo(2);
    }

    @Test
    void checkTcpOnAClosedPortMakesTheServiceNotResponding() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        conf.service("tcp;java:" + port + ";;0;0;;;;0;tcp.nag").write();

        SmartCli.Result result = smart.run("--conf", conf.path());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).containsPattern("tcp\\s+4\\s+DOWN\\s+-\\s+-\\s+tcp.nag exited 2: connect to address");
        assertThat(smart.run("--conf", conf.path(), "--json").out()).contains("Connection refused");
    }

    @Test
    void checkProcsCountsTheServicesProcesses() throws Exception {
        String token = daemons.newToken();
        Path start = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
        daemons.startDirectly(start, tmp.resolve("d.pid"), token);
        conf.script("scripts/procs.nag",
                "#!/bin/sh\nexec \"$SMART_PLUGINS/check_procs\" -C sleep -a " + token + " -c 1:1\n");
        conf.service("procs;sleep;" + token + ";1;1;;;;0;procs.nag").write();

        SmartCli.Result ok = smart.run("--conf", conf.path());
        FakeDaemons.killAll(token);
        org.awaitility.Awaitility.await().until(() -> FakeDaemons.count(token) == 0);
        SmartCli.Result down = smart.run("--conf", conf.path());

        assertThat(ok.out()).as(ok.toString()).containsPattern("procs\\s+0\\s+OK\\s+1/1.*PROCS OK: 1 process");
        assertThat(down.out()).as(down.toString()).containsPattern("procs\\s+4\\s+DOWN.*PROCS CRITICAL: 0 processes");
    }

    @Test
    void serviceWhoseDefinedPidFileIsMissingIsStatusOne() throws Exception {
        String token = daemons.newToken();
        Path start = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
        daemons.startDirectly(start, tmp.resolve("elsewhere.pid"), token);
        conf.service("one;sleep;" + token + ";1;1;;" + tmp.resolve("expected.pid") + ";;0;").write();

        SmartCli.Result result = smart.run("--conf", conf.path());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("one\\s+1\\s+OK\\s+1/1\\s+missing");
    }
}
