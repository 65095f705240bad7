package org.smart.check;

import java.time.Duration;

/** Whether something accepts connections on a port: the "responding" test of a service without a check script. */
@FunctionalInterface
public interface PortProbe {

    ProbeResult probe(String host, int port, Duration timeout);
}
