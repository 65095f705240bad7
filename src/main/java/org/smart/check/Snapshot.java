package org.smart.check;

import org.smart.process.PidFileReader;
import org.smart.process.ProcessTable;

/**
 * What one read of a machine's state answers for a check round: its processes, its pid files and whether
 * a port responds. On this machine the pid files and ports are asked live; on a remote host all three come
 * from one round trip.
 *
 * @param processes the process table
 * @param pidFiles  reads the services' pid files
 * @param ports     answers the port test of services without a check script
 */
public record Snapshot(ProcessTable processes, PidFileReader pidFiles, PortProbe ports) {
}
