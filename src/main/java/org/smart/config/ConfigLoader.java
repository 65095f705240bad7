package org.smart.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.smart.feed.FeedConfig;
import org.smart.model.Config;
import org.smart.model.ConfigProblem;
import org.smart.model.HostSettings;
import org.smart.model.Origin;
import org.smart.model.RemoteHost;
import org.smart.model.ServiceSpec;
import org.smart.security.SecretFiles;
import org.smart.ssh.PassphraseSource;

/**
 * Loads a configuration directory: {@code host.conf}, {@code services.conf} and {@code smart.yml}, each
 * optional, but at least one of services.conf and smart.yml must be there.
 *
 * <ul>
 * <li>Services from services.conf and smart.yml are merged; a name declared in both is a problem at
 *     the second declaration (smart.yml's), which is dropped.</li>
 * <li>A setting given in both host.conf and smart.yml is a problem naming both places; smart.yml's
 *     value is used.</li>
 * <li>An SMTP password file that others may read (see {@link SecretFiles}) is a problem; it is then
 *     not used, so mail is sent without authentication, and monitoring goes on.</li>
 * <li>A missing or unreadable directory or file is a problem, never an exception; so is a configuration that
 *     declares no service (or none that loads).</li>
 * </ul>
 *
 * <p>The result always holds every service and setting that was right; {@link Config#problems()} lists
 * the rest, for {@code smart config check} and the log.
 */
public final class ConfigLoader {

    public static final String HOST_CONF = "host.conf";
    public static final String SERVICES_CONF = "services.conf";
    public static final String SMART_YML = "smart.yml";

    private final HostnameSource hostnames;
    private final SecretFiles secretFiles;
    private final HostConfParser hostConf;
    private final ServicesConfParser servicesConf = new ServicesConfParser();

    /** A loader for this machine: its host name, secret files checked for the user SMART runs as. */
    public ConfigLoader() {
        this(HostnameSource.system(), SecretFiles.forCurrentUser());
    }

    public ConfigLoader(HostnameSource hostnames, SecretFiles secretFiles) {
        this.hostnames = hostnames;
        this.secretFiles = secretFiles;
        this.hostConf = new HostConfParser(hostnames);
    }

    public Config load(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        List<ConfigProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir) || !Files.isReadable(dir) || !Files.isExecutable(dir)) {
            problems.add(new ConfigProblem(Origin.of(dir, 0), "", Files.exists(dir)
                    ? "configuration directory is not a readable directory"
                    : "configuration directory does not exist"));
            return new Config(dir, HostSettings.defaults(hostnames.hostname()), List.of(), problems);
        }
        SettingValues settings = new SettingValues(dir);
        ServiceNames services = new ServiceNames();
        Map<Origin, PolicyOverrides> overrides = new HashMap<>();
        Path hostFile = dir.resolve(HOST_CONF);
        if (Files.exists(hostFile)) {
            Parsed<List<SettingAssignment>> host = hostConf.readAssignments(hostFile);
            problems.addAll(host.problems());
            host.value().forEach(assignment -> settings.apply(assignment, problems));
        }
        RemoteSection remote = RemoteSection.NONE;
        Path servicesFile = dir.resolve(SERVICES_CONF);
        Path ymlFile = dir.resolve(SMART_YML);
        if (Files.exists(servicesFile)) {
            Parsed<List<ServiceSpec>> declared = servicesConf.parse(servicesFile);
            problems.addAll(declared.problems());
            declared.value().forEach(spec -> services.add(spec, "NAME", problems));
        }
        if (Files.exists(ymlFile)) {
            // made only when needed: a services.conf-only setup (a cron one-shot) never loads Jackson
            YamlConfigParser.Content yml = new YamlConfigParser(hostnames).read(ymlFile);
            problems.addAll(yml.problems());
            yml.settings().forEach(assignment -> settings.apply(assignment, problems));
            yml.services().forEach(spec -> services.add(spec, "name", problems));
            overrides.putAll(yml.overrides());
            remote = yml.remote();
        }
        if (!Files.exists(servicesFile) && !Files.exists(ymlFile)) {
            problems.add(new ConfigProblem(Origin.of(dir, 0), "", "neither " + SERVICES_CONF + " nor " + SMART_YML
                    + " found; at least one of them must declare the services to monitor"));
        }
        if (Files.exists(servicesFile) || Files.exists(ymlFile)) {
            reportNoService(services, Files.exists(servicesFile) ? servicesFile : ymlFile, problems);
        }
        refuseExposedPasswordFile(settings, problems);
        remote.hosts().forEach(host -> checkHostSecrets(host, problems));
        settings.checkTogether(problems);
        HostSettings host = settings.build(hostnames);
        List<ServiceSpec> resolved = ServicePolicies.resolve(services.services(), overrides, host.servicePolicy(),
                problems);
        FeedConfig feed = remote.resolvedFeed(host.hostname(), resolved.stream().map(ServiceSpec::name).toList(),
                problems);
        problems.sort(inFileOrder(dir));
        return new Config(dir, host, resolved, problems, remote.hosts(), feed);
    }

    /**
     * A configuration without a service to monitor is a mistake (an emptied file, a template never filled in, or
     * every declaration refused): {@code config check} says so, and no run goes on quietly checking nothing.
     */
    private static void reportNoService(ServiceNames services, Path file, List<ConfigProblem> problems) {
        if (services.services().isEmpty()) {
            problems.add(new ConfigProblem(Origin.of(file, 0), "", "no service to monitor: declare at least one in "
                    + SERVICES_CONF + " or " + SMART_YML + " (a declaration with a problem is left out)"));
        }
    }

    /**
     * A private key or passphrase file others can read is reported now; the host's connection refuses it again
     * when it connects (and the host is DOWN with that reason), since the file may change in between.
     */
    private void checkHostSecrets(RemoteHost host, List<ConfigProblem> problems) {
        String at = "hosts." + host.name();
        secretFiles.check(host.ssh().identityFile(), host.origin(), at + ".identity_file").ifPresent(problems::add);
        if (host.ssh().passphrase() instanceof PassphraseSource.OwnerOnlyFile file) {
            secretFiles.check(file.file(), host.origin(), at + ".passphrase_file").ifPresent(problems::add);
        }
    }

    /** The problems {@link #load} finds, for {@code smart config check}; empty when all is well. */
    public List<ConfigProblem> check(Path directory) {
        return load(directory).problems();
    }

    /** Problems grouped by file (host.conf, services.conf, smart.yml), each file's in line order. */
    private static Comparator<ConfigProblem> inFileOrder(Path dir) {
        List<Path> files = List.of(dir, dir.resolve(HOST_CONF), dir.resolve(SERVICES_CONF), dir.resolve(SMART_YML));
        return Comparator.comparingInt((ConfigProblem problem) -> {
            int rank = files.indexOf(problem.origin().file());
            return rank < 0 ? files.size() : rank;
        }).thenComparingInt(problem -> problem.origin().line()).thenComparingInt(problem -> problem.origin().column());
    }

    private void refuseExposedPasswordFile(SettingValues settings, List<ConfigProblem> problems) {
        settings.given(SettingKeys.SMTP_PASSWORD_FILE).filter(given -> given.value() != null).ifPresent(given -> {
            SettingAssignment source = given.source();
            secretFiles.check(given.value(), source.origin(), source.field()).ifPresent(problem -> {
                problems.add(new ConfigProblem(problem.origin(), problem.field(),
                        problem.message() + "; until then mail is sent without SMTP authentication"));
                settings.reset(SettingKeys.SMTP_PASSWORD_FILE);
            });
        });
    }
}
