package org.smart.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smart.feed.FeedConfig;
import org.smart.model.Config;
import org.smart.model.ConfigProblem;
import org.smart.model.HostSettings;
import org.smart.model.Origin;
import org.smart.model.RemoteHost;
import org.smart.model.ServiceSpec;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads SMART's own configuration file, {@code smart.yml}, which sits next to (or replaces) host.conf and
 * services.conf:
 *
 * <pre>
 * settings:                 # every key optional, same meaning as in host.conf (see {@link SettingKeys})
 *   hostname: web1
 *   mail_to: [ops@example.org]
 *   smtp: { host: mail.example.org, port: 587, user: smart, starttls: true, password_file: /etc/smart/smtp.pass }
 *   check_timeout: 10       # seconds
 * services:
 *   - name: web
 *     process: nginx        # required unless procs is {min: 0, max: 0}
 *     port: 80
 *     args: "master"        # process_param
 *     procs: { min: 1, max: 10 }   # default {min: 1, max: 1}
 *     start: /etc/init.d/nginx
 *     start_mode: init-script      # or plain (default)
 *     pid_file: /run/nginx.pid     # relative paths: relative to this file's directory
 *     socket_file: /run/nginx.sock
 *     check: http.nag              # a name inside scripts/
 * </pre>
 *
 * <p>Every problem names the file, the line and the field path ({@code services[2].procs.min}, list
 * indexes from 0). The line is that of the key at fault, or of the entry when the key is missing. An
 * unknown key, a key given twice or a value of the wrong shape is an error. A service with an error is
 * skipped, every other one loads; a bad setting keeps its default. Only a YAML syntax error loses the
 * whole file.
 */
public final class YamlConfigParser {

    private static final String SERVICES = "services";
    private static final String HOSTS = "hosts";
    private static final String FEED = "feed";
    private static final Comparator<ConfigProblem> BY_LINE = Comparator.<ConfigProblem>comparingInt(problem -> problem.origin().line())
            .thenComparingInt(problem -> problem.origin().column());

    private final PropertyNamingStrategies.NamingBase naming = new PropertyNamingStrategies.SnakeCaseStrategy();
    private final YAMLMapper mapper = YAMLMapper.builder().propertyNamingStrategy(naming).build();
    private final HostnameSource hostnames;

    public YamlConfigParser(HostnameSource hostnames) {
        this.hostnames = hostnames;
    }

    /** The top level of smart.yml; each part is mapped on its own so a mistake in one loses only that part. */
    private record Document(JsonNode settings, List<JsonNode> services, List<JsonNode> hosts, JsonNode feed) {
    }

    /**
     * What smart.yml declares, before the settings are parsed (ConfigLoader merges them with host.conf).
     * The services still have the default policy; {@code overrides} holds what each entry sets for itself,
     * by the entry's origin, to be applied over the host's settings ({@link ServicePolicies}).
     */
    record Content(List<SettingAssignment> settings, List<ServiceSpec> services,
                   Map<Origin, PolicyOverrides> overrides, List<ConfigProblem> problems, RemoteSection remote) {

        Content(List<SettingAssignment> settings, List<ServiceSpec> services,
                Map<Origin, PolicyOverrides> overrides, List<ConfigProblem> problems) {
            this(settings, services, overrides, problems, RemoteSection.NONE);
        }
    }

    /**
     * {@code file} as a complete configuration: its settings over the defaults, its services, its
     * problems. The configuration directory is the one holding the file.
     */
    public Config parse(Path file) {
        Path dir = ConfigFiles.configDirOf(file);
        Content content = read(file);
        List<ConfigProblem> problems = new ArrayList<>(content.problems());
        SettingValues values = new SettingValues(dir);
        content.settings().forEach(assignment -> values.apply(assignment, problems));
        values.checkTogether(problems);
        HostSettings settings = values.build(hostnames);
        List<ServiceSpec> services = ServicePolicies.resolve(content.services(), content.overrides(),
                settings.servicePolicy(), problems);
        FeedConfig feed = content.remote().resolvedFeed(settings.hostname(),
                services.stream().map(ServiceSpec::name).toList(), problems);
        problems.sort(BY_LINE);
        return new Config(dir, settings, services, problems, content.remote().hosts(), feed);
    }

    Content read(Path file) {
        Path path = file.toAbsolutePath().normalize();
        YamlLocations where;
        JsonNode root;
        try {
            String text = ConfigFiles.text(path);
            where = YamlLocations.index(path, mapper.getFactory(), text);
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return failed(syntaxError(path, e));
        } catch (IOException e) {
            return failed(ConfigFiles.unreadable(path, e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Content(List.of(), List.of(), Map.of(), List.of());
        }
        return new Reading(where).document(root);
    }

    /** One reading of a document: where its parts stand, its problems and the service entries to skip. */
    private final class Reading {
        private final YamlLocations where;
        private final List<ConfigProblem> problems = new ArrayList<>();
        /** List entries (services, hosts) with a problem, as the list's name followed by the index. */
        private final Set<String> badEntries = new HashSet<>();
        private boolean feedBroken;

        Reading(YamlLocations where) {
            this.where = where;
        }

        Content document(JsonNode root) {
            reportDuplicates();
            for (String section : List.of(SERVICES, HOSTS, FEED)) {
                reportControlCharacters(root.get(section), section);
            }
            Document document = map(root, Document.class, "");
            if (document == null) {
                return new Content(List.of(), List.of(), Map.of(), problems);
            }
            List<SettingAssignment> settings = YamlSettings.read(document.settings(), where, problems);
            Map<String, RemoteHost> hosts = hosts(document.hosts());
            Map<Origin, PolicyOverrides> overrides = new HashMap<>();
            List<ServiceSpec> services = services(document.services(), hosts, overrides);
            RemoteSection remote = new RemoteSection(List.copyOf(hosts.values()), feed(document.feed()),
                    where.origin(FEED));
            problems.sort(BY_LINE);
            return new Content(settings, services, overrides, problems, remote);
        }

        private List<ServiceSpec> services(List<JsonNode> entries, Map<String, RemoteHost> hosts,
                                           Map<Origin, PolicyOverrides> overrides) {
            if (entries == null) {
                return List.of();
            }
            ServiceRules localRules = new ServiceRules(where.file().getParent());
            ServiceNames names = new ServiceNames();
            for (int i = 0; i < entries.size(); i++) {
                String at = SERVICES + "[" + i + "]";
                YamlService.Entry entry = map(entries.get(i), YamlService.Entry.class, at);
                if (entry == null || badEntries.contains(SERVICES + i)) {
                    continue;
                }
                ServiceRules rules = localRules;
                if (entry.host() != null) {
                    RemoteHost host = hosts.get(entry.host());
                    if (host == null) {
                        report(at + ".host", "'" + entry.host() + "' is not a host declared under hosts:"
                                + (hosts.isEmpty() ? " (there is none)" : " (" + String.join(", ", hosts.keySet()) + ")"));
                        continue;
                    }
                    rules = ServiceRules.remote(host.confDir());
                }
                YamlService.toSpec(entry, at, where::origin, rules, new FieldCheck(where::origin, problems))
                        .filter(declared -> names.add(declared.spec(), at + ".name", problems))
                        .ifPresent(declared -> overrides.put(declared.spec().origin(), declared.overrides()));
            }
            return names.services();
        }

        /** The hosts that load cleanly, by name; a name given twice is a problem at the second. */
        private Map<String, RemoteHost> hosts(List<JsonNode> entries) {
            Map<String, RemoteHost> hosts = new LinkedHashMap<>();
            if (entries == null) {
                return hosts;
            }
            for (int i = 0; i < entries.size(); i++) {
                String at = HOSTS + "[" + i + "]";
                YamlHost.Entry entry = map(entries.get(i), YamlHost.Entry.class, at);
                if (entry == null || badEntries.contains(HOSTS + i)) {
                    continue;
                }
                YamlHost.toHost(entry, at, where.origin(at), where.file().getParent(),
                        new FieldCheck(where::origin, problems)).ifPresent(host -> {
                            RemoteHost earlier = hosts.putIfAbsent(host.name(), host);
                            if (earlier != null) {
                                report(at + ".name", "'" + host.name() + "' is already declared at line "
                                        + earlier.origin().line());
                            }
                        });
            }
            return hosts;
        }

        private FeedConfig feed(JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            YamlFeed.Entry entry = map(node, YamlFeed.Entry.class, FEED);
            if (entry == null || feedBroken) {
                return null;
            }
            return YamlFeed.toFeed(entry, where.file().getParent(), new FieldCheck(where::origin, problems))
                    .orElse(null);
        }

        /** {@code node} (at field path {@code at}) as a {@code type} record, or null when it is not a mapping. */
        private <T> T map(JsonNode node, Class<T> type, String at) {
            if (node == null || !node.isObject()) {
                report(at, "expected a mapping, found " + YamlProblemHandler.describe(node));
                return null;
            }
            YamlProblemHandler handler = new YamlProblemHandler(at, naming);
            T value;
            try {
                value = mapper.readerFor(type).withHandler(handler).readValue(node);
            } catch (IOException e) {
                report(at, "cannot be read: " + e.getMessage());
                value = null;
            }
            handler.issues().forEach(issue -> report(issue.fieldPath(), issue.message()));
            return value;
        }

        /**
         * Reports each key and value holding a control character (a {@code "\\0"} escape, say), which skips its
         * service or host entry, or turns the feed off. The settings' values are checked where they are parsed
         * ({@link SettingValues}), as host.conf's are.
         */
        private void reportControlCharacters(JsonNode node, String path) {
            if (node == null) {
                return;
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    String key = path + "." + property.getKey();
                    checkPrintable(key, property.getKey(), "key");
                    reportControlCharacters(property.getValue(), key);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    reportControlCharacters(node.get(i), path + "[" + i + "]");
                }
            } else if (node.isValueNode()) {
                checkPrintable(path, node.asText(), "value");
            }
        }

        private void checkPrintable(String path, String text, String what) {
            try {
                ConfigText.printable(text);
            } catch (BadValueException e) {
                report(path, "the " + what + " " + e.getMessage());
            }
        }

        private void reportDuplicates() {
            for (YamlLocations.Duplicate duplicate : where.duplicates()) {
                report(duplicate.fieldPath(), Origin.of(where.file(), duplicate.line(), duplicate.column()),
                        "key given twice in the same mapping (first at line " + duplicate.firstLine() + ")");
            }
        }

        private void report(String fieldPath, String message) {
            report(fieldPath, where.origin(fieldPath), message);
        }

        /** Records a problem; a problem inside a service entry makes SMART skip that service. */
        private void report(String fieldPath, Origin origin, String message) {
            problems.add(new ConfigProblem(origin, fieldPath, message));
            for (String list : List.of(SERVICES, HOSTS)) {
                int entry = YamlLocations.indexBelow(list, fieldPath);
                if (entry >= 0) {
                    badEntries.add(list + entry);
                }
            }
            feedBroken |= fieldPath.equals(FEED) || fieldPath.startsWith(FEED + ".");
        }
    }

    private static ConfigProblem syntaxError(Path file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
            return new ConfigProblem(Origin.of(file, yaml.getProblemMark().getLine() + 1,
                    yaml.getProblemMark().getColumn() + 1), "",
                    "YAML syntax error: " + context + yaml.getProblem());
        }
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
        int column = line == 0 ? 0 : Math.max(0, e.getLocation().getColumnNr());
        return new ConfigProblem(Origin.of(file, line, column), "", "YAML syntax error: " + e.getOriginalMessage());
    }

    private static Content failed(ConfigProblem problem) {
        return new Content(List.of(), List.of(), Map.of(), List.of(problem));
    }
}
