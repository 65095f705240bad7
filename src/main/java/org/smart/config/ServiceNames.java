package org.smart.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smart.model.ConfigProblem;
import org.smart.model.ServiceSpec;

/** The services declared so far, by name: a second service of the same name is refused. */
final class ServiceNames {

    private final Map<String, ServiceSpec> byName = new LinkedHashMap<>();

    /**
     * Adds {@code spec} unless its name is taken, in which case a problem naming the earlier
     * declaration is recorded at {@code field} and the later service is dropped.
     */
    boolean add(ServiceSpec spec, String field, List<ConfigProblem> problems) {
        ServiceSpec earlier = byName.putIfAbsent(spec.name(), spec);
        if (earlier != null) {
            problems.add(new ConfigProblem(spec.origin(), field, "'" + spec.name() + "' is already defined at "
                    + Places.earlier(earlier.origin(), spec.origin())));
            return false;
        }
        return true;
    }

    List<ServiceSpec> services() {
        return List.copyOf(byName.values());
    }
}
