package org.smart.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;
import org.smart.model.ServicePolicy;
import org.smart.model.ServiceSpec;
import org.smart.state.DependencyGraph;
import org.smart.state.DependencyProblem;

/**
 * Gives every service its daemon policy once the host's defaults are known: the defaults, with the
 * overrides a smart.yml entry makes. Then checks the dependencies between the services: an unknown
 * service in {@code depends_on} and a dependency cycle are configuration problems.
 */
final class ServicePolicies {

    private ServicePolicies() {
    }

    /**
     * @param services  every service that loaded, in declaration order
     * @param overrides the smart.yml overrides, by the origin of the entry that made them
     * @param defaults  the host's policy
     * @return the services with their policies; a service whose overrides disagree is left out
     */
    static List<ServiceSpec> resolve(List<ServiceSpec> services, Map<Origin, PolicyOverrides> overrides,
                                     ServicePolicy defaults, List<ConfigProblem> problems) {
        List<ServiceSpec> resolved = new ArrayList<>();
        for (ServiceSpec spec : services) {
            PolicyOverrides own = overrides.get(spec.origin());
            Optional<ServicePolicy> policy = own == null ? Optional.of(defaults) : own.over(defaults, problems);
            policy.ifPresent(p -> resolved.add(spec.withPolicy(p)));
        }
        checkDependencies(resolved, overrides, problems);
        return resolved;
    }

    private static void checkDependencies(List<ServiceSpec> services, Map<Origin, PolicyOverrides> overrides,
                                          List<ConfigProblem> problems) {
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        Map<String, ServiceSpec> byName = new LinkedHashMap<>();
        for (ServiceSpec spec : services) {
            dependsOn.put(spec.name(), spec.policy().dependsOn());
            byName.put(spec.name(), spec);
        }
        for (DependencyProblem problem : DependencyGraph.of(dependsOn).problems()) {
            ServiceSpec spec = byName.get(problem.service());
            PolicyOverrides own = overrides.get(spec.origin());
            Origin origin = own == null ? spec.origin() : own.dependsOnOrigin();
            String field = own == null ? "depends_on" : own.at() + ".depends_on";
            problems.add(new ConfigProblem(origin, field, problem.message()));
        }
    }
}
