package org.smart.notify;

import java.nio.file.Path;

/**
 * Where each channel's undelivered notifications wait, the same for the daemon and one-shot runs, so that
 * either one delivers what the other could not: e-mail in {@code STATE_DIR/spool} (where it always was),
 * every other channel in {@code STATE_DIR/spool/CHANNEL}.
 */
public final class ChannelSpools {

    private ChannelSpools() {
    }

    public static Path dirFor(Path stateDir, Channel channel) {
        Path spool = stateDir.resolve("spool");
        return channel.name().equals("mail") ? spool : spool.resolve(channel.name());
    }
}
