package org.smart.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import org.smart.check.State;

/**
 * Which services depend on which ("parents"). Built from each service's {@code depends_on} list in
 * declaration order; every query answers in that order, so output is stable from run to run.
 *
 * <p>A graph with problems (unknown parents, cycles) is still usable, so one bad declaration does
 * not stop monitoring: unknown parents are left out, and services on a cycle come last in
 * {@link #topologicalOrder()}.
 */
public final class DependencyGraph {

    private final Map<String, List<String>> parents;
    private final List<DependencyProblem> problems;

    private DependencyGraph(Map<String, List<String>> parents, List<DependencyProblem> problems) {
        this.parents = parents;
        this.problems = problems;
    }

    /**
     * Builds the graph.
     *
     * @param dependsOn every service, mapped to the names it depends on; iteration order is the
     *                  declaration order (pass a {@link LinkedHashMap})
     */
    public static DependencyGraph of(Map<String, ? extends Collection<String>> dependsOn) {
        List<DependencyProblem> problems = new ArrayList<>();
        Map<String, List<String>> known = new LinkedHashMap<>();
        dependsOn.forEach((service, declared) -> {
            List<String> kept = new ArrayList<>();
            for (String parent : new LinkedHashSet<>(declared)) {
                if (dependsOn.containsKey(parent)) {
                    kept.add(parent);
                } else {
                    problems.add(new DependencyProblem(service,
                            "service '" + service + "' depends on unknown service '" + parent + "'"));
                }
            }
            known.put(service, List.copyOf(kept));
        });
        problems.addAll(new CycleFinder(known).cycles());
        return new DependencyGraph(known, List.copyOf(problems));
    }

    /** Unknown parents and cycles, in declaration order; empty when the graph is sound. */
    public List<DependencyProblem> problems() {
        return problems;
    }

    /** The known services {@code service} depends on directly. */
    public List<String> parents(String service) {
        return parents.getOrDefault(service, List.of());
    }

    /**
     * Every service, parents before their dependents, otherwise in declaration order. Services on
     * a cycle (and those depending on one) cannot be ordered and come last, in declaration order.
     */
    public List<String> topologicalOrder() {
        List<String> declared = List.copyOf(parents.keySet());
        Map<String, Integer> index = new HashMap<>();
        declared.forEach(s -> index.put(s, index.size()));
        Map<String, Integer> unplacedParents = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        parents.forEach((service, ps) -> {
            unplacedParents.put(service, ps.size());
            ps.forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(service));
        });
        // Kahn's algorithm; among the ready services the first declared goes first, which keeps the order stable.
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < declared.size(); i++) {
            if (unplacedParents.get(declared.get(i)) == 0) {
                ready.add(i);
            }
        }
        Set<String> placed = new LinkedHashSet<>();
        while (!ready.isEmpty()) {
            String service = declared.get(ready.poll());
            placed.add(service);
            for (String child : children.getOrDefault(service, List.of())) {
                if (unplacedParents.merge(child, -1, Integer::sum) == 0) {
                    ready.add(index.get(child));
                }
            }
        }
        List<String> order = new ArrayList<>(placed);
        declared.stream().filter(s -> !placed.contains(s)).forEach(order::add);
        return order;
    }

    /**
     * The ancestors of {@code service} (parents, their parents…) that are not OK, nearest first.
     * Ancestors whose state is unknown ({@code currentState} returns null) are not blocking.
     */
    public List<String> blockingParents(String service, Function<String, State> currentState) {
        List<String> blocking = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(service));
        Deque<String> queue = new ArrayDeque<>(parents(service));
        seen.addAll(queue);
        while (!queue.isEmpty()) {
            String ancestor = queue.removeFirst();
            State state = currentState.apply(ancestor);
            if (state != null && state != State.OK) {
                blocking.add(ancestor);
            }
            for (String next : parents(ancestor)) {
                if (seen.add(next)) {
                    queue.addLast(next);
                }
            }
        }
        return blocking;
    }

    /**
     * The nearest ancestor that is not OK, if any: then {@code service} is UNREACHABLE and is
     * reported with that parent's name, neither restarted nor notified about.
     */
    public Optional<String> unreachableBecause(String service, Function<String, State> currentState) {
        return blockingParents(service, currentState).stream().findFirst();
    }

    /** Depth-first search for cycles; each cycle is reported once, starting at its first-declared member. */
    private static final class CycleFinder {
        private final Map<String, List<String>> parents;
        private final Map<String, Integer> declared = new HashMap<>();
        private final Set<String> done = new HashSet<>();
        private final List<String> path = new ArrayList<>();
        private final Set<List<String>> found = new LinkedHashSet<>();

        CycleFinder(Map<String, List<String>> parents) {
            this.parents = parents;
            parents.keySet().forEach(s -> declared.put(s, declared.size()));
        }

        List<DependencyProblem> cycles() {
            parents.keySet().forEach(this::visit);
            return found.stream()
                    .map(c -> new DependencyProblem(c.get(0),
                            "dependency cycle: " + String.join(" -> ", c) + " -> " + c.get(0)))
                    .toList();
        }

        private void visit(String service) {
            if (done.contains(service)) {
                return;
            }
            int onPath = path.indexOf(service);
            if (onPath >= 0) {
                found.add(rotated(path.subList(onPath, path.size())));
                return;
            }
            path.add(service);
            parents.get(service).forEach(this::visit);
            path.remove(path.size() - 1);
            done.add(service);
        }

        private List<String> rotated(List<String> cycle) {
            int first = 0;
            for (int i = 1; i < cycle.size(); i++) {
                if (declared.get(cycle.get(i)) < declared.get(cycle.get(first))) {
                    first = i;
                }
            }
            List<String> result = new ArrayList<>(cycle.subList(first, cycle.size()));
            result.addAll(cycle.subList(0, first));
            return List.copyOf(result);
        }
    }

    @Override
    public String toString() {
        return "DependencyGraph" + parents;
    }
}
