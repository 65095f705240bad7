/**
 * Talking to systemd when it runs the daemon: readiness, status lines and the watchdog, through
 * {@code systemd-notify} (Java 17 cannot send on an AF_UNIX datagram socket). Nothing happens when
 * {@code NOTIFY_SOCKET} is not set, so the daemon runs the same from a terminal or another supervisor.
 */
package org.smart.systemd;
