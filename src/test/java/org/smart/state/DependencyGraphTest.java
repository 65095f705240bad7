package org.smart.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.smart.check.State;

class DependencyGraphTest {

    /** Services in declaration order: "name:parent,parent". */
    private static DependencyGraph graph(String... declarations) {
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        for (String declaration : declarations) {
            String[] parts = declaration.split(":", -1);
            dependsOn.put(parts[0], parts.length < 2 || parts[1].isEmpty() ? List.of() : List.of(parts[1].split(",")));
        }
        return DependencyGraph.of(dependsOn);
    }

    private static Function<String, State> states(Map<String, State> states) {
        return states::get;
    }

    @Test
    void aSoundGraphHasNoProblems() {
        assertThat(graph("web:app", "app:db", "db:").problems()).isEmpty();
    }

    @Test
    void unknownParentsAreReportedWithServiceAndParent() {
        DependencyGraph g = graph("web:app,cache", "app:", "mail:spool");

        assertThat(g.problems()).containsExactly(
                new DependencyProblem("web", "service 'web' depends on unknown service 'cache'"),
                new DependencyProblem("mail", "service 'mail' depends on unknown service 'spool'"));
        assertThat(g.parents("web")).containsExactly("app");
        assertThat(g.topologicalOrder()).containsExactly("app", "web", "mail");
    }

    @Test
    void aCycleIsReportedAsItsPathFromItsFirstDeclaredMember() {
        // The search enters the cycle at c (through x), yet the message starts at a, declared first.
        DependencyGraph g = graph("x:c", "a:b", "b:c", "c:a");

        assertThat(g.problems()).extracting(DependencyProblem::message)
                .containsExactly("dependency cycle: a -> b -> c -> a");
        assertThat(g.problems().get(0).service()).isEqualTo("a");
    }

    @Test
    void aServiceDependingOnItselfIsACycle() {
        assertThat(graph("a:a", "b:").problems()).extracting(DependencyProblem::message)
                .containsExactly("dependency cycle: a -> a");
    }

    @Test
    void separateCyclesAreEachReportedOnce() {
        DependencyGraph g = graph("a:b", "b:a", "c:d", "d:c", "e:a,c");

        assertThat(g.problems()).extracting(DependencyProblem::message).containsExactly(
                "dependency cycle: a -> b -> a", "dependency cycle: c -> d -> c");
    }

    @Test
    void topologicalOrderPutsParentsFirstAndOtherwiseKeepsDeclarationOrder() {
        assertThat(graph("web:app", "app:db", "db:", "mail:").topologicalOrder())
                .containsExactly("db", "app", "web", "mail");
        assertThat(graph("a:", "b:", "c:").topologicalOrder()).containsExactly("a", "b", "c");
        assertThat(graph("web:db,cache", "cache:", "db:").topologicalOrder())
                .containsExactly("cache", "db", "web");
    }

    @Test
    void servicesOnACycleComeLastInDeclarationOrder() {
        assertThat(graph("a:b", "b:a", "c:", "d:a").topologicalOrder()).containsExactly("c", "a", "b", "d");
    }

    @Test
    void blockingParentsAreTheAncestorsThatAreNotOkNearestFirst() {
        DependencyGraph g = graph("web:app", "app:db", "db:host", "host:");

        assertThat(g.blockingParents("web", states(Map.of("app", State.OK, "db", State.DOWN, "host", State.OK))))
                .containsExactly("db");
        assertThat(g.blockingParents("web",
                states(Map.of("app", State.WARN, "db", State.DOWN, "host", State.UNREACHABLE))))
                .containsExactly("app", "db", "host");
        assertThat(g.blockingParents("web", states(Map.of("app", State.OK, "db", State.OK, "host", State.OK))))
                .isEmpty();
        assertThat(g.blockingParents("host", s -> State.DOWN)).isEmpty();
    }

    @Test
    void aServiceWithANonOkAncestorIsUnreachableBecauseOfTheNearest() {
        DependencyGraph g = graph("web:app", "app:db", "db:");
        Function<String, State> dbDown = states(Map.of("app", State.DOWN, "db", State.DOWN));

        assertThat(g.unreachableBecause("web", dbDown)).contains("app");
        assertThat(g.unreachableBecause("db", dbDown)).isEmpty();
    }

    @Test
    void sharedAncestorsAreListedOnceAndUnknownStatesDoNotBlock() {
        DependencyGraph g = graph("web:app1,app2", "app1:db", "app2:db", "db:");

        assertThat(g.blockingParents("web", states(Map.of("app1", State.OK, "db", State.DOWN))))
                .containsExactly("db");
    }

    @Test
    void blockingParentsTerminatesOnACycle() {
        DependencyGraph g = graph("a:b", "b:c", "c:a");

        assertThat(g.blockingParents("a", s -> State.DOWN)).containsExactly("b", "c");
    }
}
