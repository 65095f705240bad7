/**
 * Remote hosts over SSH (SPEC section 7): one persistent, verified, multiplexed connection per host.
 *
 * <ul>
 *   <li>{@link org.smart.ssh.SshTransport}: the agent's one MINA SSH client; makes the connections, closes all
 *       on shutdown.</li>
 *   <li>{@link org.smart.ssh.SshConnection}: one host. {@code exec} runs a command on its own channel,
 *       {@code execBatch} runs many on one channel (check_by_ssh's passive mode, near the local CPU floor),
 *       {@code state()} and listeners give the host's UP/DOWN.</li>
 *   <li>{@link org.smart.ssh.RemoteResult}: COMPLETED, TIMED_OUT (SMART status 4), CONNECTION_FAILED (host
 *       DOWN, services unreachable) or CHANNEL_FAILED; never a timeout for a lost connection or the reverse.</li>
 *   <li>{@link org.smart.ssh.RemoteProcReader}: the host's process table in one cheap command.</li>
 *   <li>{@link org.smart.ssh.RemoteHostSpec}: address, identity, known_hosts and {@link
 *       org.smart.ssh.HostKeyPolicy}, channel limit, timeouts.</li>
 * </ul>
 *
 * <p>What a remote host needs: a POSIX login shell for the user, GNU coreutils ({@code timeout}, {@code stat},
 * {@code cat}, {@code xargs}, {@code rm}) and Linux {@code /proc}. The server's {@code MaxSessions} (OpenSSH:
 * 10) must be at least the spec's {@code maxChannels}.
 */
package org.smart.ssh;
