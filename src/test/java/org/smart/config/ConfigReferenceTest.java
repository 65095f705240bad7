package org.smart.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smart.model.Config;
import org.smart.model.HostSettings;
import org.smart.packaging.ConfManPage;
import org.smart.packaging.HostConfTemplate;
import org.smart.security.SecretFiles;

/**
 * smart.conf(5) and the shipped host.conf against the parsers themselves: every key a parser accepts is on the
 * page with its default, and the defaults the files state are the ones the parser applies.
 */
class ConfigReferenceTest {

    private static final PropertyNamingStrategies.NamingBase SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();
    private final String page = ConfManPage.render("test");

    @Test
    void everyHostSettingIsOnThePageUnderBothNamesWithItsDefault() {
        for (SettingKey<?> key : SettingKeys.ALL) {
            assertThat(page).as(key.name()).containsPattern("(?m)^\\+" + key.name() + "\\+, \\+"
                    + key.yamlPath().replace(".", "\\.") + "\\+::\\n  .* Default: \\+[^+]+\\+\\.$");
        }
        assertThat(page).contains("+RESTART_LIMIT+, +restart_limit+::").contains("Default: +3/5+.")
                .contains("Default: +/var/lib/smart+.").contains("Default: +d+.");
    }

    @Test
    void everyKeyOfEverySmartYmlSectionIsOnThePage() {
        List<String> keys = new ArrayList<>();
        keys.addAll(yamlPaths(YamlService.Entry.class, ""));
        keys.addAll(yamlPaths(YamlHost.Entry.class, ""));
        keys.addAll(yamlPaths(YamlFeed.Entry.class, ""));
        assertThat(keys).contains("procs.min", "flapping.high", "depends_on", "known_hosts", "icinga_api.retry_max");
        for (String key : keys) {
            assertThat(page).as(key).containsPattern("(?m)^\\+" + key.replace(".", "\\.") + "\\+::\\n  .* Default: .+\\.$");
        }
    }

    @Test
    void everyServicesConfFieldIsOnThePageInOrder() {
        assertThat(page).contains(String.join(";", ServicesConfParser.FIELDS));
        ServicesConfParser.FIELDS.forEach(field -> assertThat(page).contains("+" + field + "+::"));
    }

    @Test
    void theShippedHostConfSetsNothingAndItsWrittenDefaultsAreTheParsersDefaults(@TempDir Path dir) {
        ConfigDir shipped = new ConfigDir(dir.resolve("shipped"));
        shipped.write("host.conf", HostConfTemplate.render());
        shipped.write("services.conf", "cron;cron;;1;1;;;;0;");
        Config asShipped = load(shipped.dir);
        assertThat(asShipped.problems()).isEmpty();
        assertThat(asShipped.settings()).isEqualTo(HostSettings.defaults("web1"));

        String uncommented = HostConfTemplate.render().lines()
                .map(line -> line.matches("#[A-Z_]+=.+") ? line.substring(1) : line)
                .collect(Collectors.joining("\n"));
        assertThat(uncommented).contains("\nCHECK_TIMEOUT=10\n").contains("\nRECOVER=d\n");
        ConfigDir edited = new ConfigDir(dir.resolve("edited"));
        edited.write("host.conf", uncommented);
        edited.write("services.conf", "cron;cron;;1;1;;;;0;");
        Config withDefaultsWritten = load(edited.dir);
        assertThat(withDefaultsWritten.problems()).isEmpty();
        assertThat(withDefaultsWritten.settings()).isEqualTo(HostSettings.defaults("web1"));
    }

    @Test
    void aParserKeyWithoutADescriptionFailsLoudly() {
        // The tables are the parser's, so this holds now; a key added without a description would throw here.
        assertThat(ConfigReference.settings()).hasSameSizeAs(SettingKeys.ALL);
        assertThat(ConfigReference.serviceKeys()).hasSameSizeAs(yamlPaths(YamlService.Entry.class, ""));
    }

    private static Config load(Path dir) {
        return new ConfigLoader(HostnameSource.fixed("web1"), SecretFiles.forCurrentUser()).load(dir);
    }

    /** The keys smart.yml accepts for a record, walked here on their own rather than through ConfigReference. */
    private static List<String> yamlPaths(Class<?> type, String prefix) {
        List<String> paths = new ArrayList<>();
        for (var component : type.getRecordComponents()) {
            String path = prefix + SNAKE.translate(component.getName());
            if (component.getType().isRecord()) {
                paths.addAll(yamlPaths(component.getType(), path + "."));
            } else {
                paths.add(path);
            }
        }
        return paths;
    }
}
