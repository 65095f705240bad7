package org.smart.state;

/**
 * One thing wrong with the declared dependencies.
 *
 * @param service the service whose declaration is at fault (for a cycle: its first member)
 * @param message what is wrong, naming the services involved
 */
public record DependencyProblem(String service, String message) {

    @Override
    public String toString() {
        return message;
    }
}
