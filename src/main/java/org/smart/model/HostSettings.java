package org.smart.model;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Host-wide settings from {@code host.conf} (or the {@code settings:} section of {@code smart.yml}).
 * Every key has a default, so an empty host.conf is valid.
 *
 * @param hostname         name used in notifications (default: the machine's host name)
 * @param mailTo           recipients of notifications; empty means "no e-mail"
 * @param mailFrom         sender address
 * @param smtpHost         SMTP server
 * @param smtpPort         SMTP port
 * @param smtpUser         SMTP user name, empty for no authentication
 * @param smtpStartTls     require STARTTLS
 * @param smtpPasswordFile file holding the SMTP password (owner-only), or null
 * @param checkTimeout     the "defined time period" a check must answer in
 * @param startTimeout     how long a restarted service has to become OK
 * @param stopTimeout      grace period between TERM and KILL, and for {@code start_command stop}
 * @param rebootCommand    command run by {@code --reboot}
 * @param checkHost        address check scripts and port checks talk to
 * @param stateDir         where SMART keeps its state and its mail spool
 * @param servicePolicy    the daemon's defaults for every service (INTERVAL, RECOVER, RESTART_LIMIT…)
 * @param webhookUrl       where notifications are POSTed, or null for none
 * @param webhookFormat    the shape of the webhook's body: the full JSON, or a chat tool's {@code text}
 * @param notifyCommand    command run once per notification (details in SMART_* variables), empty for none
 * @param notifyTimeout    how long a webhook or notification command may take
 */
public record HostSettings(
        String hostname,
        List<String> mailTo,
        String mailFrom,
        String smtpHost,
        int smtpPort,
        String smtpUser,
        boolean smtpStartTls,
        Path smtpPasswordFile,
        Duration checkTimeout,
        Duration startTimeout,
        Duration stopTimeout,
        String rebootCommand,
        String checkHost,
        Path stateDir,
        ServicePolicy servicePolicy,
        URI webhookUrl,
        WebhookFormat webhookFormat,
        String notifyCommand,
        Duration notifyTimeout,
        String controlGroup) {

    public HostSettings {
        mailTo = List.copyOf(mailTo);
        notifyCommand = notifyCommand == null ? "" : notifyCommand;
        controlGroup = controlGroup == null ? DEFAULT_CONTROL_GROUP : controlGroup;
        webhookFormat = webhookFormat == null ? WebhookFormat.JSON : webhookFormat;
    }

    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_REBOOT_COMMAND = "/sbin/reboot";
    public static final String DEFAULT_CHECK_HOST = "127.0.0.1";
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/smart");
    public static final Duration DEFAULT_NOTIFY_TIMEOUT = Duration.ofSeconds(10);
    /** The group whose members may operate the daemon through its control socket, besides root. */
    public static final String DEFAULT_CONTROL_GROUP = "smart";

    /** The settings an empty host.conf gives. */
    public static HostSettings defaults(String hostname) {
        return new HostSettings(hostname, List.of(), "smart@" + hostname, "localhost", 25, "", false, null,
                DEFAULT_CHECK_TIMEOUT, DEFAULT_START_TIMEOUT, DEFAULT_STOP_TIMEOUT,
                DEFAULT_REBOOT_COMMAND, DEFAULT_CHECK_HOST, DEFAULT_STATE_DIR, ServicePolicy.DEFAULT, null,
                WebhookFormat.JSON, "", DEFAULT_NOTIFY_TIMEOUT, DEFAULT_CONTROL_GROUP);
    }

    /** These settings with another state directory ({@code --state-dir}). */
    public HostSettings withStateDir(Path dir) {
        return new HostSettings(hostname, mailTo, mailFrom, smtpHost, smtpPort, smtpUser, smtpStartTls,
                smtpPasswordFile, checkTimeout, startTimeout, stopTimeout, rebootCommand, checkHost, dir,
                servicePolicy, webhookUrl, webhookFormat, notifyCommand, notifyTimeout, controlGroup);
    }

    public boolean webhookEnabled() {
        return webhookUrl != null;
    }

    public boolean notifyCommandEnabled() {
        return !notifyCommand.isBlank();
    }

    public boolean mailEnabled() {
        return !mailTo.isEmpty();
    }
}
