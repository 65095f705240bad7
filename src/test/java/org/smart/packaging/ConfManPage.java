package org.smart.packaging;

import java.util.List;
import org.smart.config.ConfigReference;
import org.smart.config.ConfigReference.Key;
import org.smart.config.ConfigReference.Setting;

/**
 * smart.conf(5) as AsciiDoc for asciidoctor's manpage backend, every key from {@link ConfigReference}, which
 * reads them from the parsers' tables: a key a parser learns is on the page at the next build.
 */
public final class ConfManPage {

    private ConfManPage() {
    }

    public static String render(String version) {
        StringBuilder page = new StringBuilder();
        page.append(":doctype: manpage\n:manmanual: SMART Manual\n:mansource: smart ").append(version).append('\n')
                .append("= smart.conf(5)\n\n")
                .append("== Name\n\nsmart.conf - configuration of SMART, the service monitoring and self-healing agent\n\n");
        description(page);
        page.append("== host.conf and smart.yml settings\n\n")
                .append("Each setting has a host.conf name (KEY=value, shell-style quoting) and a smart.yml path below"
                        + " +settings:+ (a dotted path is a nested mapping: +smtp.port+ is +port:+ inside +smtp:+)."
                        + " A setting given in both files is a problem; smart.yml's value is used."
                        + " Relative paths are relative to the configuration directory.\n\n");
        for (Setting setting : ConfigReference.settings()) {
            page.append(literal(setting.hostConfName())).append(", ").append(literal(setting.yamlPath())).append("::\n")
                    .append(entry(setting.description(), setting.defaultValue()));
        }
        page.append('\n');
        page.append("== services.conf\n\n")
                .append("One service a line, ten fields separated by +;+ (one trailing +;+ allowed); lines starting"
                        + " with +#+ and blank lines are ignored:\n\n")
                .append("....\n").append(String.join(";", ConfigReference.servicesConfFields().stream()
                        .map(Key::path).toList())).append("\n....\n\n");
        keys(page, ConfigReference.servicesConfFields());
        section(page, "smart.yml services", "Each entry of the +services:+ list describes one service; the keys below"
                + " +flapping:+ and +procs:+ form nested mappings. \"settings\" as a default means the host's"
                + " setting of the same name.", ConfigReference.serviceKeys());
        section(page, "smart.yml hosts", "Each entry of the +hosts:+ list is a remote host, checked over one"
                + " verified SSH connection.", ConfigReference.hostKeys());
        section(page, "smart.yml feed", "The +feed:+ mapping sends every result to Nagios, Naemon or Icinga as a"
                + " passive check result. A sub-section that is given is enabled unless it says +enabled: false+.",
                ConfigReference.feedKeys());
        page.append("== Files\n\n")
                .append("_/etc/smart/host.conf_, _/etc/smart/services.conf_, _/etc/smart/smart.yml_::\n"
                        + "  The system configuration.\n")
                .append("_/etc/smart/scripts/_, _/etc/smart/plugins/_::\n  Check scripts and Nagios plugins.\n")
                .append("_/var/lib/smart/_::\n  The default STATE_DIR.\n")
                .append("_/usr/share/doc/smart/examples/_::\n  Complete example configurations.\n\n")
                .append("== See also\n\n*smart*(1), */usr/share/doc/smart/CONFIGURATION.md.gz*\n");
        return page.toString();
    }

    private static void description(StringBuilder page) {
        page.append("== Description\n\n")
                .append("SMART reads a configuration directory, _/etc/smart_ unless +--conf+ or +SMART_CONF+ name"
                        + " another. It holds _host.conf_ (settings), _services.conf_ (the original SMART's one line"
                        + " per service) and _smart.yml_ (the same services and settings in YAML, and remote hosts and"
                        + " the Nagios feed), each optional, but services.conf or smart.yml must declare at least one"
                        + " service; _scripts/_ holds check scripts and _plugins/_ Nagios plugins."
                        + " *smart config check* reports every problem with its file, line and field.\n\n")
                .append("Run as root, SMART refuses a configuration file, script or program that anyone but root"
                        + " can write.\n\n");
    }

    private static void section(StringBuilder page, String title, String intro, List<Key> keys) {
        page.append("== ").append(title).append("\n\n").append(intro).append("\n\n");
        keys(page, keys);
    }

    private static void keys(StringBuilder page, List<Key> keys) {
        for (Key key : keys) {
            page.append(literal(key.path())).append("::\n").append(entry(key.description(), key.defaultValue()));
        }
        page.append('\n');
    }

    private static String entry(String description, String defaultValue) {
        return "  " + literal(description) + " Default: " + literal(defaultValue) + ".\n";
    }

    /**
     * Text shown as it is: no AsciiDoc markup, attribute, replacement ("--" to a dash) or macro applies inside a
     * passthrough, so a key or a default reads exactly as it is written in the file.
     */
    static String literal(String text) {
        if (!text.contains("+")) {
            return "+" + text + "+";
        }
        return "pass:c[" + text.replace("]", "\\]") + "]";
    }
}
