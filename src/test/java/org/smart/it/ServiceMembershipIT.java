package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What belongs to a service (CONFIGURATION.md), end to end with {@code smart -d}: issue 10's cases 1-3. The
 * cases where a wrong answer signals pid 1 or SMART's parent run SMART in a pid namespace of their own.
 */
class ServiceMembershipIT {

    @TempDir
    Path tmp;

    private final SmartCli smart = new SmartCli();
    private final String token = String.valueOf(ThreadLocalRandom.current().nextInt(700_000, 999_999));
    private ConfigDir conf;

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(tmp.resolve("conf")).setHost("START_TIMEOUT", "2").setHost("STOP_TIMEOUT", "1");
    }

    /** Case 1: the pid file names another instance of the program, with other arguments (a reused pid). */
    @Test
    void pidFileNamingAnotherInstanceOfTheProgramLeavesThatInstanceAlone() throws Exception {
        Path twin = Files.createSymbolicLink(tmp.resolve("rbtwin"), Path.of("/bin/sleep"));
        Process appB = new ProcessBuilder(twin.toString(), "4" + token).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(Path.of("/proc/" + appB.pid() + "/cmdline"))
                    .contains("4" + token));
            Path pidFile = Files.writeString(tmp.resolve("a.pid"), appB.pid() + "\n");
            conf.script("scripts/fail.sh", "#!/bin/sh\nexit 2\n");
            conf.service("appA;rbtwin;5" + token + ";1;1;/bin/true;" + pidFile + ";;0;fail.sh").write();

            SmartCli.Result result = smart.run("--conf", conf.path(), "-d");

            assertThat(result.out()).as(result.toString()).contains("started '/bin/true'");
            assertThat(appB.isAlive()).as("app B, the other instance: " + result).isTrue();
            assertThat(result.out()).doesNotContain("leftover");
            assertThat(result.out()).containsPattern("appA\\s+4\\s+DOWN\\s+0/1\\s+foreign");
        } finally {
            appB.destroyForcibly();
        }
    }

    /** Case 2: pid file {@code 1} where pid 1 bears the service's name, as in a container. */
    @Test
    void pidOneNeverMakesItsChildrenTheServices() throws Exception {
        Files.createDirectories(conf.dir);
        Path pidFile = Files.writeString(conf.dir.resolve("init.pid"), "1\n");
        conf.service("nsinit;rbinit;;1;1;/bin/true;" + pidFile + ";;0;").write();
        SmartCli.Result run = runAmongDecoys("rbinit", """
                sh -c './rbdecoy 1001 </dev/null >/dev/null 2>&1 &'   # an orphan, adopted by pid 1
                ./rbdecoy 1002 </dev/null >/dev/null 2>&1 &           # pid 1's own child""");

        String report = Files.readString(conf.dir.resolve("report"));
        String out = Files.readString(conf.dir.resolve("smart.out"));
        assertThat(report).as(run + out).contains("before: 2").contains("exit: 0");
        assertThat(report).as("both decoys live on: " + out).contains("after: 2");
        assertThat(out).containsPattern("nsinit\\s+0\\s+OK\\s+1/1");
    }

    /**
     * Pid files whose content {@code kill(2)} reads as "my group" (0), "every process" (-1), or that overflow into
     * one of those, and pid 1 that is not the service's: none of them is a correct pid file, and a restart of a
     * DOWN service signals nothing it did not find by name. In a pid namespace, so a regression kills only it.
     */
    @Test
    void pidFilesNamingEveryProcessOrInitSignalNothing() throws Exception {
        Files.createDirectories(conf.dir);
        conf.script("scripts/fail.sh", "#!/bin/sh\nexit 2\n");
        String[] contents = {"0", "-1", "4294967295", "-4294967297", "1", " 1 ", "00"};
        for (int i = 0; i < contents.length; i++) {
            Path pidFile = Files.writeString(conf.dir.resolve("s" + i + ".pid"), contents[i] + "\n");
            conf.service("s" + i + ";nosuch" + token + ";;1;1;/bin/true;" + pidFile + ";;0;fail.sh");
        }
        conf.write();
        SmartCli.Result run = runAmongDecoys("nsinit", """
                ./rbdecoy 1001 </dev/null >/dev/null 2>&1 &
                setsid ./rbdecoy 1002 </dev/null >/dev/null 2>&1 &""");

        String report = Files.readString(conf.dir.resolve("report"));
        String out = Files.readString(conf.dir.resolve("smart.out"));
        assertThat(report).as(run + out).contains("before: 2").contains("exit: 2");
        assertThat(report).as("both decoys and the namespace's init live on: " + out).contains("after: 2");
        assertThat(out).as("every service was restarted, none of them by signalling").contains("started '/bin/true'")
                .doesNotContain("leftover").doesNotContain("SIGTERM").doesNotContain("SIGKILL");
    }

    /** Case 3: SMART run from a job of the service it monitors (cron), with the service's pid file. */
    @Test
    void smartRunFromTheServicesJobNeitherCountsNorSignalsItsParent() throws Exception {
        Path pidFile = conf.dir.resolve("cron.pid");
        conf.service("cron;rbcron;job" + token + ";1;1;/bin/true;" + pidFile + ";;0;").write();

        String report = runFromCronJob(pidFile);

        String out = Files.readString(conf.dir.resolve("smart.out"));
        assertThat(report).as(out).contains("smart exit: 0").contains("parent survived");
        assertThat(out).containsPattern("cron\\s+0\\s+OK\\s+1/1");
    }

    /** Case 3 when the service is DOWN for another reason: its restart still never signals SMART's parents. */
    @Test
    void restartOfTheServiceSmartRunsUnderLeavesItsProcessesAlone() throws Exception {
        Path pidFile = conf.dir.resolve("cron.pid");
        conf.script("scripts/fail.sh", "#!/bin/sh\nexit 2\n");
        conf.service("cron;rbcron;job" + token + ";1;1;/bin/true;" + pidFile + ";;0;fail.sh").write();

        String report = runFromCronJob(pidFile);

        String out = Files.readString(conf.dir.resolve("smart.out"));
        assertThat(report).as(out).contains("smart exit: 2").contains("parent survived");
        assertThat(out).contains("started '/bin/true'").containsPattern("left alone pid\\(s\\) \\d+: pid 1, SMART or a");
        assertThat(out).doesNotContain("leftover");
    }

    /** Case 3 without a pid file: the name+arguments path skips SMART's own job just the same. */
    @Test
    void smartRunFromTheServicesJobIsNotCountedByName() throws Exception {
        conf.service("cron;rbcron;job" + token + ";1;1;/bin/true;;;0;").write();

        String report = runFromCronJob(null);

        String out = Files.readString(conf.dir.resolve("smart.out"));
        assertThat(report).as(out).contains("smart exit: 0").contains("parent survived");
        assertThat(out).containsPattern("cron\\s+0\\s+OK\\s+1/1");
    }

    /**
     * A cron look-alike as cron runs a job: the daemon (its own session, writing its pid file) forks a copy of
     * itself that leads the job's session and runs SMART as its child. Returns what the daemon reported.
     */
    private String runFromCronJob(Path pidFile) throws Exception {
        conf.script("rbcron", """
                #!/bin/sh
                # usage: rbcron jobTOKEN [job]
                cd "$(dirname "$0")"
                if [ "$2" = job ]; then
                  "$SMART" --conf . -d > smart.out 2>&1
                  exit $?
                fi
                %s
                setsid -w ./rbcron "$1" job
                echo "smart exit: $?" >> report
                echo "parent survived" >> report
                """.formatted(pidFile == null ? "" : "echo $$ > " + pidFile));
        Path root = conf.script("nsroot", """
                #!/bin/sh
                cd "$(dirname "$0")"
                : > report
                setsid -w ./rbcron job%s
                """.formatted(token));

        SmartCli.Result run = PidNamespace.run(root);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        return Files.readString(conf.dir.resolve("report"));
    }

    /**
     * Runs {@code smart -d} from a driver named {@code initName} that is pid 1 of its own pid namespace, after
     * {@code startDecoys} (sh lines) started two {@code rbdecoy} processes that are nobody's service. The driver
     * writes "before: N", "exit: N" and "after: N" (live decoys) to {@code report}, SMART's output to
     * {@code smart.out}.
     */
    private SmartCli.Result runAmongDecoys(String initName, String startDecoys) throws Exception {
        Files.createSymbolicLink(conf.dir.resolve("rbdecoy"), Path.of("/bin/sleep"));
        Path init = conf.script(initName, """
                #!/bin/sh
                cd "$(dirname "$0")"
                %s
                %s
                n=0; while [ "$(decoys)" -lt 2 ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
                echo "before: $(decoys)" > report
                "$SMART" --conf . -d > smart.out 2>&1
                echo "exit: $?" >> report
                echo "after: $(decoys)" >> report
                """.formatted(countingFunction("rbdecoy"), startDecoys));
        return PidNamespace.run(init);
    }

    /** A sh function {@code decoys} that prints how many live (not zombie) processes are called {@code name}. */
    private static String countingFunction(String name) {
        return """
                decoys() {
                  n=0
                  for f in /proc/[0-9]*/stat; do
                    l=; read -r l < "$f" 2>/dev/null
                    case "$l" in *"(%s) "[!ZX]*) n=$((n + 1)) ;; esac
                  done
                  echo $n
                }""".formatted(name);
    }
}
