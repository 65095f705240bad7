package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-shot command end to end: the built launcher against real processes, real pid files, real
 * check scripts and a real SMTP server. Covers every cell of the action table.
 */
class OneShotIT {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    private final FakeDaemons daemons = new FakeDaemons();
    private final SmartCli smart = new SmartCli();
    private ConfigDir conf;
    private Path startScript;

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(tmp.resolve("conf"))
                .host("MAIL_TO=ops@example.org")
                .host("SMTP_HOST=127.0.0.1")
                .host("SMTP_PORT=" + MAIL.getSmtp().getPort());
        startScript = conf.script("daemons/fake-daemon", FakeDaemons.START_SCRIPT);
    }

    @AfterEach
    void tearDown() {
        daemons.close();
    }

    /** A service line for a fake daemon: {@code sleep TOKEN}, one process, with a pid file. */
    private String fakeService(String name, String token, String extra) {
        Path pid = conf.dir.resolve(name + ".pid");
        return name + ";sleep;" + token + ";1;1;" + startScript + " " + pid + " " + token + ";" + pid + ";;0;" + extra;
    }

    private Path pidFile(String name) {
        return conf.dir.resolve(name + ".pid");
    }

    @Test
    void healthyServiceIsOkAndNothingIsDone() throws Exception {
        String token = daemons.newToken();
        conf.service(fakeService("alpha", token, "")).write();
        daemons.startDirectly(startScript, pidFile("alpha"), token);

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("alpha\\s+0\\s+OK\\s+1/1\\s+ok");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void downServiceWithoutFlagIsOnlyReported() {
        String token = daemons.newToken();
        conf.service(fakeService("alpha", token, "")).write();

        SmartCli.Result result = smart.run("--conf", conf.path());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).containsPattern("alpha\\s+3\\s+DOWN\\s+0/1\\s+missing");
        assertThat(FakeDaemons.count(token)).isZero();
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void downServiceIsRestartedWithMinusDAndOneMailSaysSo() throws Exception {
        String token = daemons.newToken();
        conf.service(fakeService("alpha", token, "")).write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
        assertThat(result.out()).containsPattern("alpha\\s+3\\s+DOWN.*restart\\+notify\\s+OK");
        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).contains("testhost").contains("alpha").contains("DOWN").contains("OK");
        assertThat((String) mails[0].getContent()).contains("Status:").contains("3 (DOWN)").contains("restart");
    }

    @Test
    void theRunAsPrometheusMetricsReadsBackWithThePrometheusClient() throws Exception {
        String token = daemons.newToken();
        conf.script("scripts/perf.nag", "#!/bin/sh\necho \"DISK OK - 91% used | 'used /var'=91%;95;98;0;100 inodes=1200\"\n");
        conf.service(fakeService("alpha", token, "")).service("disk;x;;0;0;;;;0;perf.nag").write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d", "--metrics");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(PrometheusClient.parse(result.out())).contains("smart_run_exit_code 0.0",
                "smart_service_status{service=alpha} 3.0", "smart_service_final_status{service=alpha} 0.0",
                "smart_service_restarted{service=alpha} 1.0", "smart_service_state{service=alpha,state=DOWN} 1.0",
                "smart_service_status{service=disk} 0.0", "smart_service_state{service=disk,state=OK} 1.0",
                "smart_service_perfdata{service=disk,label=used /var,unit=%} 91.0",
                "smart_service_perfdata{service=disk,label=inodes,unit=} 1200.0");
    }

    @Test
    void downServiceIsNotRestartedWithMinusW() {
        String token = daemons.newToken();
        conf.service(fakeService("alpha", token, "")).write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-w");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(FakeDaemons.count(token)).isZero();
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    /** WARN = responding, but too many processes: two daemons for a service that allows one. */
    private String warnService(String token) throws Exception {
        conf.script("scripts/ok.sh", "#!/bin/sh\necho 'fine'\n");
        // No pid file field: the processes are counted by name and arguments, so both count.
        conf.service("beta;sleep;" + token + ";1;1;" + startScript + " " + pidFile("beta") + " " + token + ";;;0;ok.sh")
                .write();
        daemons.startDirectly(startScript, tmp.resolve("other.pid"), token);
        daemons.startDirectly(startScript, pidFile("beta"), token);
        return token;
    }

    @Test
    void warnServiceIsOnlyNotifiedAboutWithMinusD() throws Exception {
        String token = warnService(daemons.newToken());

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).containsPattern("beta\\s+2\\s+WARN\\s+2/1.*notify\\s+WARN");
        assertThat(FakeDaemons.count(token)).isEqualTo(2);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void warnServiceIsRestartedWithMinusW() throws Exception {
        String token = warnService(daemons.newToken());

        SmartCli.Result result = smart.run("--conf", conf.path(), "-w");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
        assertThat(result.out()).containsPattern("beta\\s+2\\s+WARN.*restart\\+notify\\s+OK");
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void allRestartsEvenHealthyServicesAndSendsOneGeneralMessage() throws Exception {
        String token = daemons.newToken();
        conf.service(fakeService("alpha", token, "")).write();
        daemons.startDirectly(startScript, pidFile("alpha"), token);
        String before = Files.readString(pidFile("alpha")).strip();

        SmartCli.Result result = smart.run("--conf", conf.path(), "--all");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readString(pidFile("alpha")).strip()).isNotEqualTo(before);
        assertThat(FakeDaemons.count(token)).isEqualTo(1);
        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).contains("--all");
    }

    @Test
    void rebootSendsTheGeneralMessageFirstThenRunsTheRebootCommand() throws Exception {
        Path marker = tmp.resolve("rebooted");
        Path reboot = conf.script("reboot.sh", "#!/bin/sh\necho rebooted > " + marker + "\n");
        String token = daemons.newToken();
        conf.host("REBOOT_COMMAND=" + reboot).service(fakeService("alpha", token, "")).write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "--reboot");

        assertThat(Files.exists(marker)).as(result.toString()).isTrue();
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(MAIL.getReceivedMessages()[0].getSubject()).contains("reboot");
        assertThat(FakeDaemons.count(token)).as("--reboot restarts no service").isZero();
    }

    @Test
    void dryRunChangesNothingAndSendsNothing() {
        String token = daemons.newToken();
        conf.service(fakeService("alpha", token, "")).write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d", "--dry-run");

        assertThat(result.out()).contains("would").contains("start");
        assertThat(FakeDaemons.count(token)).isZero();
        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void checkScriptThatFailsGivesStatusFourWithItsOutput() {
        conf.script("scripts/bad.nag", "#!/bin/sh\necho 'CRITICAL - no answer | time=5s;1;2'\nexit 2\n");
        conf.service("gamma;sleep;nothing-runs-like-this;0;0;;;;0;bad.nag").write();

        SmartCli.Result result = smart.run("--conf", conf.path());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).containsPattern("gamma\\s+4\\s+DOWN.*bad.nag exited 2: CRITICAL - no answer");
    }

    @Test
    void hangingCheckScriptIsKilledAtTheTimeout() {
        Path child = tmp.resolve("child.pid");
        conf.setHost("CHECK_TIMEOUT", "1");
        conf.script("scripts/hang.sh", "#!/bin/sh\nsleep 300 &\necho $! > " + child + "\nwait\n");
        conf.service("delta;sleep;nothing;0;0;;;;0;hang.sh").write();

        SmartCli.Result result = smart.run("--conf", conf.path());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).containsPattern("delta\\s+4\\s+DOWN.*timed out");
    }

    @Test
    void brokenLineIsReportedAndTheOtherServicesAreStillChecked() throws Exception {
        String token = daemons.newToken();
        conf.service("broken;sleep;;ten;1;;;;0;").service(fakeService("alpha", token, "")).write();
        daemons.startDirectly(startScript, pidFile("alpha"), token);

        SmartCli.Result result = smart.run("--conf", conf.path());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("services.conf:1").contains("max_procs").contains("'ten'");
        assertThat(result.out()).containsPattern("alpha\\s+0\\s+OK");
    }

    /** Issue 10: a start program that is not there is a configuration problem, and its service is still checked. */
    @Test
    void aStartProgramThatIsNotThereIsAConfigurationProblemAndItsServiceIsStillChecked() throws Exception {
        String token = daemons.newToken();
        Path missing = conf.dir.resolve("daemons/not-installed");
        conf.setHost("START_TIMEOUT", "60")
                .service(fakeService("alpha", token, ""))
                .service("gone;sleep;" + daemons.newToken() + ";1;1;" + missing + " --now;;;0;").write();
        daemons.startDirectly(startScript, pidFile("alpha"), token);
        String problem = "services.conf:2: field 6 (start_command): " + missing + ": no such file;"
                + " the service is checked, but cannot be restarted until it is there";

        SmartCli.Result check = smart.run("config", "check", "--conf", conf.path());

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(3);
        assertThat(check.out()).contains(problem).contains("2 service(s) would still be checked");

        long started = System.nanoTime();
        SmartCli.Result run = smart.run("--conf", conf.path(), "-d");

        assertThat(run.err()).contains(problem);
        assertThat(run.out()).containsPattern("alpha\\s+0\\s+OK").containsPattern("gone\\s+3\\s+DOWN")
                .contains("could not start '" + missing + " --now'");
        assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds, START_TIMEOUT being 60").isLessThan(20);
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        String token = daemons.newToken();
        conf.service(fakeService("alpha", token, "")).write();

        SmartCli.Result result = smart.run("--conf", conf.path(), "-d", "--json");

        JsonNode json = new ObjectMapper().readTree(result.out());
        JsonNode alpha = json.get("services").get(0);
        assertThat(alpha.get("name").asText()).isEqualTo("alpha");
        assertThat(alpha.get("status").asInt()).isEqualTo(3);
        assertThat(alpha.get("state").asText()).isEqualTo("DOWN");
        assertThat(alpha.get("actions")).extracting(JsonNode::asText).containsExactlyInAnyOrder("restart", "notify");
        assertThat(alpha.get("final_state").asText()).isEqualTo("OK");
        assertThat(alpha.get("output").asText()).contains("0 processes");
    }

    @Test
    void unreachableSmtpServerDoesNotStopRecoveryAndTheMessageIsSentByALaterRun() throws Exception {
        String token = daemons.newToken();
        int closedPort = closedPort();
        conf.setHost("SMTP_PORT", String.valueOf(closedPort)).service(fakeService("alpha", token, "")).write();

        SmartCli.Result first = smart.run("--conf", conf.path(), "-d");

        assertThat(FakeDaemons.count(token)).as(first.toString()).isEqualTo(1);
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.out()).contains("spool");
        assertThat(MAIL.getReceivedMessages()).isEmpty();

        conf.setHost("SMTP_PORT", String.valueOf(MAIL.getSmtp().getPort())).write();
        SmartCli.Result second = smart.run("--conf", conf.path());

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(MAIL.getReceivedMessages()[0].getSubject()).contains("alpha");
    }

    /** Issue 10 "Also": mail waiting for one configuration is no other configuration's business. */
    @Test
    void anotherStateDirectorysWaitingMailIsNeitherRetriedNorReported() throws Exception {
        String token = daemons.newToken();
        conf.setHost("SMTP_PORT", String.valueOf(closedPort())).service(fakeService("alpha", token, "")).write();
        SmartCli.Result spooling = smart.run("--conf", conf.path(), "-d");
        assertThat(spooling.exitCode()).as(spooling.toString()).isEqualTo(1);
        ConfigDir other = new ConfigDir(tmp.resolve("other")).host("MAIL_TO=other@example.org")
                .host("SMTP_HOST=127.0.0.1").host("SMTP_PORT=" + MAIL.getSmtp().getPort())
                .service("quiet;none;;0;0;;;;0;").write();

        SmartCli.Result otherRun = smart.run("--conf", other.path(), "-d");

        assertThat(otherRun.exitCode()).as(otherRun.toString()).isZero();
        assertThat(otherRun.out()).doesNotContain("notification").doesNotContain("alpha");
        assertThat(MAIL.getReceivedMessages()).as("alpha's mail is not sent through the other configuration").isEmpty();
        conf.setHost("SMTP_PORT", String.valueOf(MAIL.getSmtp().getPort())).write();
        SmartCli.Result later = smart.run("--conf", conf.path());
        assertThat(later.out()).as(later.toString()).contains("(earlier notification)");
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void unknownServiceNameIsAUsageError() {
        conf.service(fakeService("alpha", daemons.newToken(), "")).write();
        SmartCli.Result result = smart.run("--conf", conf.path(), "nosuch");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("nosuch");
    }

    @Test
    void helpAndVersionWork() {
        SmartCli.Result help = smart.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--conf").contains("-d").contains("--reboot").contains("--json");
        SmartCli.Result version = smart.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("smart ");
        assertThat(smart.run("config", "check", "--help").exitCode()).isZero();
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
