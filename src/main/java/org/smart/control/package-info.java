/**
 * The daemon's control socket, {@code STATE_DIR/control.sock}: one JSON request per connection, one JSON
 * reply, from callers the kernel vouches for ({@code SO_PEERCRED}). The commands themselves are the
 * daemon's ({@code org.smart.daemon.DaemonControl}); this package only carries them and decides who may ask.
 */
package org.smart.control;
