package org.smart.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.model.Config;
import org.smart.model.HostSettings;
import org.smart.model.ServiceSpec;

class ConfigLoaderTest {

    @TempDir
    Path temp;
    ConfigDir conf;
    ConfigLoader loader;

    @BeforeEach
    void setUp() {
        conf = new ConfigDir(temp);
        loader = conf.loader();
    }

    @Test
    void mergesServicesAndSettingsFromAllThreeFiles() {
        conf.write("host.conf", "HOSTNAME=web1", "MAIL_TO=ops@example.org");
        conf.write("services.conf", "IMAP;couriertcpd:143;imapd;10;1;;;;1;", "POP3;couriertcpd:110;pop3d;10;1;;;;1;");
        conf.write("smart.yml", "settings:", "  check_timeout: 3", "services:", "  - name: web", "    process: nginx");

        Config config = loader.load(temp);

        assertThat(config.problems()).isEmpty();
        assertThat(config.directory()).isEqualTo(conf.dir);
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("IMAP", "POP3", "web");
        assertThat(config.settings().hostname()).isEqualTo("web1");
        assertThat(config.settings().mailTo()).containsExactly("ops@example.org");
        assertThat(config.settings().checkTimeout()).hasSeconds(3);
    }

    @Test
    void servicesConfAloneIsEnoughAndGivesDefaultSettings() {
        conf.write("services.conf", "CRON;cron;;1;1;;;;0;");

        Config config = loader.load(temp);

        assertThat(config.problems()).isEmpty();
        assertThat(config.settings()).isEqualTo(HostSettings.defaults("testhost"));
        assertThat(config.services()).hasSize(1);
    }

    @Test
    void aServiceDeclaredInBothFilesIsADuplicateAndTheFirstIsKept() {
        conf.write("services.conf", "WEB;nginx:80;;4;1;;;;0;");
        conf.write("smart.yml", "services:", "  - name: WEB", "    process: apache2");

        Config config = loader.load(temp);

        assertThat(conf.render(config.problems()))
                .containsExactly("smart.yml:2:5: name: 'WEB' is already defined at services.conf:1");
        assertThat(config.services()).extracting(ServiceSpec::processName).containsExactly("nginx");
    }

    @Test
    void aSettingInBothFilesNamesBothPlacesAndSmartYmlWins() {
        conf.write("host.conf", "HOSTNAME=web1", "SMTP_PORT=25");
        conf.write("smart.yml", "settings:", "  smtp:", "    port: 587", "services:", "  - name: cron", "    process: cron");

        Config config = loader.load(temp);

        assertThat(conf.render(config.problems())).containsExactly(
                "smart.yml:3:5: settings.smtp.port: also set at host.conf:2 (SMTP_PORT); the value given here is used");
        assertThat(config.settings().smtpPort()).isEqualTo(587);
        assertThat(config.settings().hostname()).isEqualTo("web1");
    }

    @Test
    void problemsOfEveryFileAreCollectedInFileAndLineOrder() {
        conf.write("host.conf", "SMTP_PORT=x", "NOPE=1");
        conf.write("services.conf", "BAD;p;;1;2;;;;0;", "OK;p;;1;1;;;;0;");
        conf.write("smart.yml", "services:", "  - name: y", "    process: q", "    colour: blue");

        Config config = loader.load(temp);

        assertThat(conf.render(config.problems())).extracting(line -> line.substring(0, line.indexOf(": ")))
                .containsExactly("host.conf:1", "host.conf:2", "services.conf:1", "smart.yml:4:5");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("OK");
    }

    @Test
    void withoutServicesConfOrSmartYmlThereIsNothingToMonitor() {
        conf.write("host.conf", "HOSTNAME=web1");

        Config config = loader.load(temp);

        assertThat(conf.render(config.problems())).containsExactly(
                ".: neither services.conf nor smart.yml found; at least one of them must declare the services to monitor");
        assertThat(config.settings().hostname()).isEqualTo("web1");
    }

    @Test
    void aMissingDirectoryIsAProblemNotAnException() {
        Config config = loader.load(temp.resolve("nope"));

        assertThat(conf.render(config.problems())).containsExactly("nope: configuration directory does not exist");
        assertThat(config.services()).isEmpty();
        assertThat(config.settings()).isEqualTo(HostSettings.defaults("testhost"));
    }

    @Test
    void aFileInsteadOfADirectoryIsAProblem() {
        Path file = conf.write("services.conf", "CRON;cron;;1;1;;;;0;");

        assertThat(loader.check(file)).singleElement().satisfies(problem ->
                assertThat(conf.render(problem)).isEqualTo("services.conf: configuration directory is not a readable directory"));
    }

    @Test
    void checkReturnsTheProblemsAndNothingWhenAllIsWell() {
        conf.write("services.conf", "CRON;cron;;1;1;;;;0;");
        assertThat(loader.check(temp)).isEmpty();

        conf.write("services.conf", "CRON;cron;;one;1;;;;0;");
        assertThat(conf.render(loader.check(temp))).containsExactly(
                "services.conf: no service to monitor: declare at least one in services.conf or smart.yml"
                        + " (a declaration with a problem is left out)",
                "services.conf:1: field 4 (max_procs): 'one' is not a whole number >= 0");
    }

    @Test
    void aConfigurationWithoutAServiceIsAProblemNamingTheFileToDeclareOneIn() throws Exception {
        conf.write("services.conf", "# nothing yet");

        assertThat(conf.render(loader.check(temp))).containsExactly("services.conf: no service to monitor: declare at"
                + " least one in services.conf or smart.yml (a declaration with a problem is left out)");

        Files.delete(temp.resolve("services.conf"));
        conf.write("smart.yml", "settings:", "  hostname: web1");
        assertThat(conf.render(loader.check(temp))).singleElement().asString().startsWith("smart.yml: no service");
    }

    @Test
    void anOwnerOnlyPasswordFileIsUsed() throws Exception {
        Path secret = conf.write("smtp.pass", "s3cret");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        conf.write("host.conf", "SMTP_USER=smart", "SMTP_PASSWORD_FILE=smtp.pass");
        conf.write("services.conf", "CRON;cron;;1;1;;;;0;");

        Config config = loader.load(temp);

        assertThat(config.problems()).isEmpty();
        assertThat(config.settings().smtpPasswordFile()).isEqualTo(secret);
    }

    @Test
    void aPasswordFileOthersCanReadIsRefusedAndMailAuthenticationIsDisabled() throws Exception {
        Path secret = conf.write("smtp.pass", "s3cret");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        conf.write("host.conf", "SMTP_USER=smart", "SMTP_PASSWORD_FILE=smtp.pass");
        conf.write("services.conf", "CRON;cron;;1;1;;;;0;");

        Config config = loader.load(temp);

        assertThat(conf.render(config.problems())).containsExactly("host.conf:2: SMTP_PASSWORD_FILE: 'smtp.pass' is"
                + " refused as a secret file: it has mode 0644, so group or others may read or change it;"
                + " fix: chmod 600 smtp.pass; until then mail is sent without SMTP authentication");
        assertThat(config.settings().smtpPasswordFile()).isNull();
        assertThat(config.settings().smtpUser()).isEqualTo("smart");
        assertThat(config.services()).hasSize(1);
    }
}
