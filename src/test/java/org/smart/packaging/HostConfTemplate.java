package org.smart.packaging;

import org.smart.config.ConfigReference;
import org.smart.config.ConfigReference.Setting;

/**
 * The host.conf the package installs: every setting commented out with its default, from the parser's table,
 * so that uncommenting a line changes exactly one thing and the file never lists a key SMART does not know.
 */
public final class HostConfTemplate {

    private HostConfTemplate() {
    }

    public static String render() {
        StringBuilder text = new StringBuilder("""
                # SMART host settings: KEY=value, one a line, shell-style quoting. Every key is shown below,
                # commented out, with its default; uncomment and change what this host needs. The same keys can
                # go below "settings:" in smart.yml instead (not in both). After a change: smart config check
                # (and systemctl reload smart when the daemon runs). Reference: man 5 smart.conf
                """);
        for (Setting setting : ConfigReference.settings()) {
            text.append('\n');
            String dflt = setting.defaultValue();
            wrap(text, setting.description() + " Default: " + dflt + ".");
            text.append('#').append(setting.hostConfName()).append('=').append(writable(dflt) ? dflt : "").append('\n');
        }
        return text.toString();
    }

    /** Whether a default can be written as the value: not "none", nor a phrase, nor a placeholder (smart@HOSTNAME). */
    private static boolean writable(String dflt) {
        return !dflt.equals("none") && !dflt.contains(" ") && !dflt.matches(".*[A-Z]{4,}.*");
    }

    /** The description as comment lines of at most about 100 characters. */
    private static void wrap(StringBuilder text, String description) {
        StringBuilder line = new StringBuilder("#");
        for (String word : description.split(" ")) {
            if (line.length() + word.length() > 100) {
                text.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        text.append(line).append('\n');
    }
}
