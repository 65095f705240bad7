package org.smart.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the default for HOSTNAME comes from; tests inject a fixed name. */
@FunctionalInterface
public interface HostnameSource {

    String hostname();

    /**
     * The machine's host name: {@code /proc/sys/kernel/hostname}, else what the resolver says about
     * the local host, else {@code localhost}.
     */
    static HostnameSource system() {
        return () -> {
            try {
                String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException e) {
                // not Linux, or /proc not mounted: ask the resolver
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        };
    }

    static HostnameSource fixed(String hostname) {
        return () -> hostname;
    }
}
