package org.smart.site;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The remote hosts of a configuration, each a {@link Site}, and the changes of their connections. */
public interface RemoteHosts extends AutoCloseable {

    /** No remote host at all. */
    RemoteHosts NONE = new RemoteHosts() {
        @Override
        public List<Site> sites() {
            return List.of();
        }

        @Override
        public void listen(Consumer<HostChange> listener) {
        }

        @Override
        public void close() {
        }
    };

    /** One site per host that has services. */
    List<Site> sites();

    /** The site of the named host, if it has services. */
    default Optional<Site> site(String host) {
        return sites().stream().filter(site -> host.equals(site.host())).findFirst();
    }

    /** Tells {@code listener} of each change of a host's connection, in the order they happen. */
    void listen(Consumer<HostChange> listener);

    /** Closes the hosts' connections. */
    @Override
    void close();
}
