package org.smart.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * One check result handed to Nagios, Naemon or Icinga as a passive result, in the form their
 * external command {@code PROCESS_SERVICE_CHECK_RESULT} / {@code PROCESS_HOST_CHECK_RESULT} and
 * Icinga 2's {@code process-check-result} API action take it.
 *
 * <p>Names are checked here as well as at configuration time ({@link NameValidator}): a name that
 * could break the command line (a {@code ;}, a line break) never gets as far as a writer.
 *
 * @param kind        whether this is a service or a host result
 * @param hostName    the host as Nagios/Icinga knows it
 * @param serviceName the service description as Nagios/Icinga knows it; null for a host result
 * @param code        services: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; hosts: 0 UP, 1 DOWN, 2 UNREACHABLE
 * @param output      the first line of the plugin output (without perfdata); null means empty
 * @param longOutput  further lines of output, separated by line breaks; null means empty
 * @param perfdata    performance data ({@code 'label'=value[UOM];warn;crit;min;max ...}); null means empty
 * @param checkTime   when the check ran
 */
public record PassiveResult(
        Kind kind,
        String hostName,
        String serviceName,
        int code,
        String output,
        String longOutput,
        String perfdata,
        Instant checkTime) {

    /** What a result is about. */
    public enum Kind { SERVICE, HOST }

    public static final int HOST_UP = 0;
    public static final int HOST_DOWN = 1;
    public static final int HOST_UNREACHABLE = 2;

    public PassiveResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(checkTime, "checkTime");
        NameValidator.requireValid("host name", hostName);
        if (kind == Kind.SERVICE) {
            NameValidator.requireValid("service name", serviceName);
        } else if (serviceName != null) {
            throw new IllegalArgumentException("a host result has no service name, got '"
                    + NameValidator.visible(serviceName) + "'");
        }
        int maxCode = kind == Kind.SERVICE ? 3 : HOST_UNREACHABLE;
        if (code < 0 || code > maxCode) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " result code must be 0-" + maxCode
                    + ", not " + code);
        }
        output = output == null ? "" : output;
        longOutput = longOutput == null ? "" : longOutput;
        perfdata = perfdata == null ? "" : perfdata;
    }

    public static PassiveResult service(String hostName, String serviceName, int code, String output,
            String longOutput, String perfdata, Instant checkTime) {
        return new PassiveResult(Kind.SERVICE, hostName, serviceName, code, output, longOutput, perfdata, checkTime);
    }

    public static PassiveResult host(String hostName, int code, String output, String longOutput,
            String perfdata, Instant checkTime) {
        return new PassiveResult(Kind.HOST, hostName, null, code, output, longOutput, perfdata, checkTime);
    }

    public boolean isService() {
        return kind == Kind.SERVICE;
    }

    /** Output and long output as one text, the long output starting on the second line. */
    public String text() {
        return longOutput.isEmpty() ? output : output + "\n" + longOutput;
    }

    /** What the result is about, for messages: {@code host web01, service apache} or {@code host web01}. */
    public String about() {
        return isService() ? "host " + hostName + ", service " + serviceName : "host " + hostName;
    }
}
