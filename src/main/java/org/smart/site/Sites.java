package org.smart.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.model.ServiceSpec;

/**
 * Every site services run on: this machine and the remote hosts, and what has to be closed with them (the
 * SSH connections).
 */
public final class Sites implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sites.class);

    private final Site local;
    private final Map<String, Site> remote = new LinkedHashMap<>();
    private final List<AutoCloseable> resources;

    /**
     * @param resources closed, in order, by {@link #close()}
     */
    public Sites(Site local, List<Site> remote, List<AutoCloseable> resources) {
        if (local.isRemote()) {
            throw new IllegalArgumentException("the local site has no host name");
        }
        this.local = local;
        remote.forEach(site -> this.remote.put(site.host(), site));
        this.resources = List.copyOf(resources);
    }

    /** The site {@code spec} runs on. */
    public Site of(ServiceSpec spec) {
        if (!spec.isRemote()) {
            return local;
        }
        Site site = remote.get(spec.host());
        if (site == null) {
            throw new IllegalArgumentException("service " + spec.name() + " runs on unknown host " + spec.host());
        }
        return site;
    }

    public Site local() {
        return local;
    }

    public List<Site> remote() {
        return List.copyOf(remote.values());
    }

    /** Groups services by the site they run on, sites in the order of their first service. */
    public Map<Site, List<ServiceSpec>> group(List<ServiceSpec> services) {
        Map<Site, List<ServiceSpec>> groups = new LinkedHashMap<>();
        services.forEach(spec -> groups.computeIfAbsent(of(spec), s -> new ArrayList<>()).add(spec));
        return groups;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }
}
