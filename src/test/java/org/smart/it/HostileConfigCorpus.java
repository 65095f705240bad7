package org.smart.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible corpus of hostile configuration directories: a valid host.conf, services.conf and smart.yml,
 * each case spoilt by one to three mutations drawn with a fixed seed (NULs and other control characters, huge
 * fields, odd encodings, bad numbers, path traversal, duplicate names, unicode, truncated YAML, deep nesting,
 * alias bombs, wrong shapes). Every service of the unspoilt configuration is OK, so a run of a case exits 0
 * or, with a configuration problem, 3.
 */
final class HostileConfigCorpus {

    /** Written as the last line of host.conf, with the case's own state directory, so a run never writes elsewhere. */
    static final String STATE_DIR_LINE = "STATE_DIR=@STATE_DIR@";

    /** One case: what was done to the configuration, and its files (absent ones are not written). */
    record Case(int number, List<String> mutations, Map<String, byte[]> files) {
        @Override
        public String toString() {
            return "case " + number + " " + mutations;
        }
    }

    private static final List<String> HOSTILE = List.of(
            "", " ", "a\0b", "\0", "x\u0001y", "\u001b[2J\u001b[31mred", "tab\there", "line\nbreak", "cr\rhere",
            "\u0085nel", "line\u2028sep", "del\u007f", "../../escape", "web/1", "..", ".", "...", "/etc/shadow",
            "a/../../b", "-rf", "--help", "$(reboot)", "`id`", "a;b", "a|b", "'", "\"", "\\", "%s%n%x",
            "${jndi:ldap://x/a}", "ｗｅｂ", "wéb", "🙂", "\u202eevil", "zero\u200bwidth", "e\u0301", "lone\ud800",
            "-1", "1e3", "0x10", "99999999999", "１", "NaN", "1,5", "+5", "2147483648", "x".repeat(5000),
            "y".repeat(200_000), "@", "a@b", "null", "~", "true", "[1, 2]", "{a: b}", "*alias", "&anchor x",
            "!!binary AAAA", "!!java.lang.Runtime x", "#comment", "key: value", "- item");

    private static final List<String> HOST_KEYS = List.of("HOSTNAME", "MAIL_FROM", "SMTP_HOST", "SMTP_PORT", "SMTP_USER",
            "SMTP_STARTTLS", "SMTP_PASSWORD_FILE", "CHECK_TIMEOUT", "START_TIMEOUT", "STOP_TIMEOUT", "REBOOT_COMMAND",
            "CHECK_HOST", "INTERVAL", "RETRY_INTERVAL", "MAX_CHECK_ATTEMPTS", "RECOVER", "FLAPPING_ENABLED",
            "FLAPPING_LOW", "FLAPPING_HIGH", "RESTART_LIMIT", "RESTART_DELAY", "RENOTIFY_INTERVAL", "WEBHOOK_URL",
            "NOTIFY_COMMAND", "NOTIFY_TIMEOUT", "NO_SUCH_KEY", "SMTP_PASSWORD");

    private static final List<String> YAML_SERVICE_KEYS = List.of("name", "process", "port", "args", "start",
            "start_mode", "pid_file", "socket_file", "check", "plugin", "host", "interval", "retry_interval",
            "max_check_attempts", "recover", "restart_limit", "restart_delay", "renotify_interval", "colour");

    private static final List<String> YAML_SETTINGS = List.of("hostname", "check_timeout", "check_host",
            "reboot_command", "notify_command", "restart_limit", "smtp.port", "flapping.low", "mail_to", "unknown");

    private final Random random;
    private List<String> hostConf;
    private List<String> services;
    private String smartYml;
    private final Map<String, byte[]> raw = new LinkedHashMap<>();

    HostileConfigCorpus(long seed) {
        this.random = new Random(seed);
    }

    List<Case> cases(int count) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(nextCase(i));
        }
        return cases;
    }

    private Case nextCase(int number) {
        hostConf = new ArrayList<>(List.of("HOSTNAME=fuzzhost", "CHECK_TIMEOUT=5"));
        services = new ArrayList<>(List.of("alpha;none;;0;0;;;;0;ok.sh",
                "beta;sleep;fuzz;0;0;/bin/true;run/beta.pid;run/beta.sock;1;ok.sh"));
        smartYml = """
                settings:
                  check_timeout: 5
                services:
                  - name: gamma
                    procs: {min: 0, max: 0}
                    check: ok.sh
                  - name: delta
                    process: sleep
                    args: fuzz
                    procs: {min: 0, max: 0}
                    start: /bin/true
                    pid_file: run/delta.pid
                    check: ok.sh
                    depends_on: [gamma]
                    restart_limit: 3/5
                feed:
                  command_file:
                    enabled: false
                    path: nagios.cmd
                """;
        raw.clear();
        List<String> mutations = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            mutations.add(mutate());
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> host = new ArrayList<>(hostConf);
        host.add(STATE_DIR_LINE);
        files.put("host.conf", utf8(String.join("\n", host) + "\n"));
        if (services != null) {
            files.put("services.conf", utf8(String.join("\n", services) + "\n"));
        }
        if (smartYml != null) {
            files.put("smart.yml", utf8(smartYml));
        }
        files.putAll(raw);
        return new Case(number, mutations, files);
    }

    private String mutate() {
        return switch (random.nextInt(14)) {
            case 0, 1, 2 -> servicesField();
            case 3 -> servicesLine();
            case 4, 5 -> hostSetting();
            case 6 -> hostLine();
            case 7, 8 -> yamlServiceValue();
            case 9 -> yamlSetting();
            case 10, 11 -> yamlStructure();
            case 12 -> encoding();
            default -> fileLevel();
        };
    }

    private String hostile() {
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }

    private String servicesField() {
        if (services == null || services.isEmpty()) {
            services = new ArrayList<>(List.of("alpha;none;;0;0;;;;0;ok.sh"));
        }
        int line = random.nextInt(services.size());
        String[] fields = services.get(line).split(";", -1);
        int field = random.nextInt(fields.length);
        String value = hostile();
        fields[field] = value;
        services.set(line, String.join(";", fields));
        return "services.conf line " + (line + 1) + " field " + (field + 1) + " <- " + show(value);
    }

    private String servicesLine() {
        if (services == null || services.isEmpty()) {
            services = new ArrayList<>(List.of("alpha;none;;0;0;;;;0;ok.sh"));
        }
        String line = switch (random.nextInt(6)) {
            case 0 -> services.get(0);                               // a duplicate name
            case 1 -> "only;three;fields";
            case 2 -> "z".repeat(300_000) + ";p;;1;1;;;;0;";
            case 3 -> "web;p;;1;1;;;;0;;;;;;;;;";
            case 4 -> "\uFEFFbom;none;;0;0;;;;0;";
            default -> hostile() + ";" + hostile() + ";" + hostile() + ";0;0;;;;0;";
        };
        services.add(random.nextInt(services.size() + 1), line);
        return "services.conf line <- " + show(line);
    }

    private String hostSetting() {
        String key = HOST_KEYS.get(random.nextInt(HOST_KEYS.size()));
        String value = hostile();
        String quoted = switch (random.nextInt(3)) {
            case 0 -> value;
            case 1 -> "'" + value + "'";
            default -> "\"" + value + "\"";
        };
        hostConf.add(key + "=" + quoted);
        return "host.conf " + key + " <- " + show(quoted);
    }

    private String hostLine() {
        String line = switch (random.nextInt(6)) {
            case 0 -> "export CHECK_TIMEOUT=3";
            case 1 -> "no equals sign " + hostile();
            case 2 -> hostile() + "=1";
            case 3 -> "CHECK_TIMEOUT=" + "9".repeat(100_000);
            case 4 -> "\uFEFFHOSTNAME=bom";
            default -> "HOSTNAME=a b # " + hostile();
        };
        hostConf.add(random.nextInt(hostConf.size() + 1), line);
        return "host.conf line <- " + show(line);
    }

    private String yamlServiceValue() {
        smartYml = smartYml == null ? "" : smartYml;
        String key = YAML_SERVICE_KEYS.get(random.nextInt(YAML_SERVICE_KEYS.size()));
        String value = hostile();
        String written = random.nextBoolean() ? yamlQuoted(value) : value;
        smartYml = smartYml.replace("  - name: gamma\n", "  - name: gamma\n    " + key + ": " + written + "\n");
        return "smart.yml services[0]." + key + " <- " + show(written);
    }

    private String yamlSetting() {
        smartYml = smartYml == null ? "" : smartYml;
        String key = YAML_SETTINGS.get(random.nextInt(YAML_SETTINGS.size()));
        String value = yamlQuoted(hostile());
        String entry = key.contains(".")
                ? key.substring(0, key.indexOf('.')) + ":\n    " + key.substring(key.indexOf('.') + 1) + ": " + value
                : key + ": " + value;
        smartYml = smartYml.replace("settings:\n", "settings:\n  " + entry + "\n");
        return "smart.yml settings." + key + " <- " + show(value);
    }

    private String yamlStructure() {
        smartYml = smartYml == null || smartYml.isEmpty() ? "services:\n" : smartYml;
        int kind = random.nextInt(12);
        switch (kind) {
            case 0 -> smartYml = smartYml.substring(0, random.nextInt(smartYml.length()));
            case 1 -> smartYml = "services:\n  - " + "[".repeat(5000) + "\n";
            case 2 -> smartYml = "services:\n" + nestedMappings(500);
            case 3 -> smartYml = aliasBomb();
            case 4 -> smartYml = smartYml.replace("  - name: gamma", "  - &g\n    name: gamma") + "  - *g\n";
            case 5 -> smartYml = smartYml.replace("services:", "services: text\nservices_:");
            case 6 -> smartYml = smartYml.replace("procs: {min: 0, max: 0}", "procs: [0, 0]");
            case 7 -> smartYml = smartYml.replace("    process: sleep", "\tprocess: sleep");
            case 8 -> smartYml = smartYml.replace("  check_timeout: 5", "  check_timeout: 5\n  check_timeout: 6");
            case 9 -> smartYml = "- a list\n- at the top\n";
            case 10 -> smartYml = "---\nsettings: {}\n---\nservices: []\n";
            default -> smartYml = "settings: {hostname: \"" + "h".repeat(1_000_000) + "\"}\n"
                    + smartYml.substring(Math.max(0, smartYml.indexOf("services:")));
        }
        return "smart.yml structure #" + kind;
    }

    private String encoding() {
        int kind = random.nextInt(5);
        String file = random.nextBoolean() ? "services.conf" : "smart.yml";
        String text = file.equals("smart.yml") ? (smartYml == null ? "" : smartYml) : services == null ? "" : String.join("\n", services) + "\n";
        byte[] bytes = switch (kind) {
            case 0 -> text.getBytes(StandardCharsets.UTF_16LE);
            case 1 -> (text.replace("gamma", "gämma").replace("alpha", "älpha")).getBytes(StandardCharsets.ISO_8859_1);
            case 2 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(text));
            case 3 -> concat(utf8(text), new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, 0x0A});
            default -> utf8(text.replace("\n", "\r\n"));
        };
        raw.put(file, bytes);
        return file + " encoding #" + kind;
    }

    private String fileLevel() {
        int kind = random.nextInt(6);
        switch (kind) {
            case 0 -> services = new ArrayList<>();
            case 1 -> smartYml = "";
            case 2 -> {
                services = null;
                smartYml = null;
            }
            case 3 -> services = new ArrayList<>(List.of("# only a comment"));
            case 4 -> raw.put("services.conf", randomBytes(2000));
            default -> raw.put("smart.yml", randomBytes(2000));
        }
        return "file level #" + kind;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String nestedMappings(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("  ".repeat(i + 1)).append("k").append(i).append(":\n");
        }
        return sb.toString();
    }

    /** The "billion laughs": nine levels of nine aliases each. */
    private static String aliasBomb() {
        StringBuilder sb = new StringBuilder("a0: &a0 [lol]\n");
        for (int i = 1; i < 10; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.append("services: *a9\n").toString();
    }

    /** A YAML double-quoted scalar: control and non-ASCII characters as escapes, so the document still parses. */
    private static String yamlQuoted(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7F) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A value for a case's description: escaped and short. */
    private static String show(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
        StringBuilder sb = new StringBuilder();
        shown.chars().forEach(c -> sb.append(c < 0x20 || (c >= 0x7F && c < 0xA0) || Character.isSurrogate((char) c)
                ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return "'" + sb + "'";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
