package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, cases 5, 6 and 7, end to end: what a careless or hostile user can put where SMART expects a
 * pid file, a socket file or a configuration file (a FIFO, a symbolic link to a secret, a text file, a
 * regular file) never hangs a run, never shows up in a report or a notification, and is never deleted.
 * Every run that could hang runs under {@code timeout}, so a regression fails the test instead of hanging it.
 */
class UnexpectedFilesIT {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** Far more than a run of these configurations takes; a hung run is killed after it. */
    private static final int RUN_LIMIT_SECONDS = 30;
    private static final int HUNG = 124;
    /** What the root-only file holds; no part of it may appear anywhere SMART reports. */
    private static final String SECRET = "root:$6$rounds=5000$s3cr3tSaltValue$QWERTYUIOPASDF:19000:0:99999:7:::";

    @TempDir
    Path tmp;

    private final FakeDaemons daemons = new FakeDaemons();
    private final List<DaemonProcess> started = new ArrayList<>();
    private ConfigDir conf;
    private Path startScript;

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(tmp.resolve("conf"))
                .host("MAIL_TO=ops@example.org")
                .host("SMTP_HOST=127.0.0.1")
                .host("SMTP_PORT=" + MAIL.getSmtp().getPort())
                .setHost("START_TIMEOUT", "3")
                .setHost("RESTART_DELAY", "0");
        startScript = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (DaemonProcess daemon : started) {
            daemon.close();
        }
        daemons.close();
    }

    /** {@code bin/smart ARGS}, killed when it takes longer than {@link #RUN_LIMIT_SECONDS}. */
    private static SmartCli.Result smart(String... args) {
        List<String> command = new ArrayList<>(List.of("timeout", "-k", "5", String.valueOf(RUN_LIMIT_SECONDS),
                SmartCli.LAUNCHER.toString()));
        command.addAll(List.of(args));
        return SmartCli.exec(command, Map.of());
    }

    private static Path fifo(Path path) {
        SmartCli.Result made = SmartCli.exec(List.of("mkfifo", path.toString()), Map.of());
        assertThat(made.exitCode()).as(made.toString()).isZero();
        return path;
    }

    /** A fake daemon service, running, whose pid file is {@code pidFile} (whatever that is). */
    private String runningService(String name, String token, Path pidFile) throws Exception {
        daemons.startDirectly(startScript, tmp.resolve(name + ".real.pid"), token);
        return name + ";sleep;" + token + ";1;1;" + startScript + " " + tmp.resolve(name + ".real.pid") + " " + token
                + ";" + pidFile + ";;0;";
    }

    // case 5: a FIFO at a pid-file path

    @Test
    void aFifoAtAPidFilePathIsReportedAndTheOneShotRunFinishes() throws Exception {
        Path pidFile = fifo(conf.dir.resolve("a.pid"));
        conf.service(runningService("a", daemons.newToken(), pidFile)).write();

        SmartCli.Result result = smart("--conf", conf.path(), "--json");

        assertThat(result.exitCode()).as(result.toString()).isNotEqualTo(HUNG).isEqualTo(0);
        assertThat(result.out()).contains("\"status\" : 1").contains(pidFile + " is a FIFO");
    }

    @Test
    void aDaemonStartedBesideAFifoMonitorsTheOtherServicesAndReportsThatOne() throws Exception {
        Path pidFile = fifo(conf.dir.resolve("a.pid"));
        String otherToken = daemons.newToken();
        Path otherPid = conf.dir.resolve("b.pid");
        daemons.startDirectly(startScript, otherPid, otherToken);
        conf.setHost("INTERVAL", "1").service(runningService("a", daemons.newToken(), pidFile))
                .service("b;sleep;" + otherToken + ";1;1;" + startScript + " " + otherPid + " " + otherToken + ";"
                        + otherPid + ";;0;")
                .write();

        DaemonProcess daemon = startDaemon();

        daemon.awaitService("b", Duration.ofSeconds(30), s -> s.path("check_count").asLong() >= 2
                && s.path("status").asInt() == 0);
        daemon.awaitService("a", Duration.ofSeconds(30), s -> s.path("check_count").asLong() >= 2
                && s.path("status").asInt() == 1 && s.path("reason").asText().contains(pidFile + " is a FIFO"));
    }

    @Test
    void aFifoMadeWhileTheDaemonRunsGivesThatServiceAnErrorNotAHang() throws Exception {
        String token = daemons.newToken();
        Path pidFile = conf.dir.resolve("a.pid");
        daemons.startDirectly(startScript, pidFile, token);
        conf.setHost("INTERVAL", "1")
                .service("a;sleep;" + token + ";1;1;" + startScript + " " + pidFile + " " + token + ";" + pidFile + ";;0;")
                .write();
        DaemonProcess daemon = startDaemon();
        daemon.awaitService("a", Duration.ofSeconds(30), s -> s.path("status").asInt() == 0);

        Files.delete(pidFile);
        fifo(pidFile);

        long checksThen = daemon.awaitService("a", Duration.ofSeconds(30),
                s -> s.path("reason").asText().contains(pidFile + " is a FIFO")).path("check_count").asLong();
        daemon.awaitService("a", Duration.ofSeconds(30), s -> s.path("check_count").asLong() >= checksThen + 2);
        assertThat(daemon.isAlive()).isTrue();
    }

    private DaemonProcess startDaemon() {
        DaemonProcess daemon = DaemonProcess.start(conf, tmp.resolve("daemon.log"));
        started.add(daemon);
        return daemon;
    }

    // case 5: a FIFO as a configuration file

    @Test
    void aFifoAsServicesConfIsAConfigurationProblemNotAHang() throws Exception {
        conf.write();
        Path services = conf.dir.resolve("services.conf");
        Files.delete(services);
        fifo(services);

        assertRefusedNamingTheFifo(services);
    }

    @Test
    void aFifoAsHostConfIsAConfigurationProblemNotAHang() throws Exception {
        conf.service("b;x;;0;0;;;;0;").write();
        Path hostConf = conf.dir.resolve("host.conf");
        Files.delete(hostConf);
        fifo(hostConf);

        assertRefusedNamingTheFifo(hostConf);
    }

    @Test
    void aFifoAsSmartYmlIsAConfigurationProblemNotAHang() throws Exception {
        conf.service("b;x;;0;0;;;;0;").write();
        Path yml = fifo(conf.dir.resolve("smart.yml"));

        assertRefusedNamingTheFifo(yml);
    }

    private void assertRefusedNamingTheFifo(Path file) {
        SmartCli.Result check = smart("config", "check", "--conf", conf.path());
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(3);
        assertThat(check.out() + check.err()).contains(file.getFileName() + ": is a FIFO, not a regular file");

        SmartCli.Result run = smart("--conf", conf.path());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out() + run.err()).contains("is a FIFO, not a regular file");
    }

    @Test
    void aConfigurationFileOverTheSizeLimitIsRefusedBeforeParsing() throws Exception {
        conf.service("b;x;;0;0;;;;0;").write();
        Path yml = conf.dir.resolve("smart.yml");
        Files.writeString(yml, "services: [" + "a".repeat(10 * 1024 * 1024) + "]\n");

        SmartCli.Result check = smart("config", "check", "--conf", conf.path());

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(3);
        assertThat(check.out()).contains("smart.yml: is larger than 1 MiB (10485773 bytes); not read");
    }

    // case 6: a pid file that is a symbolic link to a root-only file

    @Test
    void aSymlinkedPidFileIsNotFollowedAndTheSecretAppearsNowhere() throws Exception {
        Path secret = Files.writeString(tmp.resolve("shadow-copy"), SECRET + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path pidFile = Files.createSymbolicLink(conf.dir.resolve("a.pid"), secret);
        Path neverStarts = conf.script("daemons/never-starts", "#!/bin/sh\nexit 0\n");
        conf.service("a;sleep;" + daemons.newToken() + ";1;1;" + neverStarts + ";" + pidFile + ";;0;").write();

        SmartCli.Result table = smart("--conf", conf.path());
        SmartCli.Result json = smart("--conf", conf.path(), "--json");
        SmartCli.Result repair = smart("--conf", conf.path(), "-d");

        assertThat(json.out()).as(json.toString()).contains(pidFile + " is a symbolic link");
        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).as(repair.toString()).hasSize(1);
        String everything = table + "\n" + json + "\n" + repair + "\n" + GreenMailUtil.getWholeMessage(mails[0]);
        assertThat(everything).doesNotContain(SECRET.substring(0, 8)).doesNotContain("s3cr3t");
        assertThat(Files.readString(secret)).isEqualTo(SECRET + "\n");
    }

    // case 7: -d deletes only what it can identify

    @Test
    void aTextFileAtPidFileAndARegularFileAtSockFileSurviveARestart() throws Exception {
        String token = daemons.newToken();
        Path pidFile = Files.writeString(conf.dir.resolve("notes.txt"), "remember to renew the certificate\n");
        Path sockFile = Files.writeString(conf.dir.resolve("data.db"), "precious data\n");
        Path realPid = tmp.resolve("a.real.pid");
        conf.service("a;sleep;" + token + ";1;1;" + startScript + " " + realPid + " " + token + ";" + pidFile + ";"
                + sockFile + ";0;").write();

        SmartCli.Result result = smart("--conf", conf.path(), "-d", "--json");

        assertThat(FakeDaemons.count(token)).as(result.toString()).isEqualTo(1);
        assertThat(pidFile).as(result.toString()).hasContent("remember to renew the certificate");
        assertThat(sockFile).hasContent("precious data");
        assertThat(result.out()).contains("left " + pidFile + " in place: it holds no process id")
                .contains("left " + sockFile + " in place: it is a regular file, not a socket");
    }

    @Test
    void aStalePidFileAndASocketAreStillRemoved() throws Exception {
        String token = daemons.newToken();
        Path pidFile = Files.writeString(conf.dir.resolve("a.pid"), "999999999\n");
        Path sockFile = conf.dir.resolve("a.sock");
        SmartCli.Result made = SmartCli.exec(List.of("python3", "-c",
                "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", sockFile.toString()), Map.of());
        assertThat(made.exitCode()).as(made.toString()).isZero();
        Path realPid = tmp.resolve("a.real.pid");
        conf.service("a;sleep;" + token + ";1;1;" + startScript + " " + realPid + " " + token + ";" + pidFile + ";"
                + sockFile + ";0;").write();

        SmartCli.Result result = smart("--conf", conf.path(), "-d", "--json");

        assertThat(result.out()).as(result.toString()).contains("removed stale pid file " + pidFile)
                .contains("removed stale socket file " + sockFile);
        assertThat(pidFile).doesNotExist();
        assertThat(sockFile).doesNotExist();
    }
}
