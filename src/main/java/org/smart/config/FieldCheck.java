package org.smart.config;

import java.util.List;
import java.util.function.Function;
import org.smart.model.ConfigProblem;
import org.smart.model.Origin;

/**
 * Checks the fields of one declaration (a services.conf line, a smart.yml entry), recording a problem
 * for every field that breaks its rule rather than stopping at the first, so one run of
 * {@code smart config check} shows all that is wrong with it.
 */
final class FieldCheck {

    /** A rule that yields the field's value or says what is wrong. */
    @FunctionalInterface
    interface Rule<T> {
        T apply() throws BadValueException;
    }

    /** A rule about fields already read. */
    @FunctionalInterface
    interface Condition {
        void verify() throws BadValueException;
    }

    private final Function<String, Origin> originOf;
    private final List<ConfigProblem> problems;
    private boolean failed;

    /**
     * @param originOf where a field was written, by its name
     * @param problems where problems go
     */
    FieldCheck(Function<String, Origin> originOf, List<ConfigProblem> problems) {
        this.originOf = originOf;
        this.problems = problems;
    }

    /** The field's value, or null after recording why it is bad. */
    <T> T get(String field, Rule<T> rule) {
        try {
            return rule.apply();
        } catch (BadValueException e) {
            fail(field, e.getMessage());
            return null;
        }
    }

    void verify(String field, Condition condition) {
        try {
            condition.verify();
        } catch (BadValueException e) {
            fail(field, e.getMessage());
        }
    }

    /** A rule whose breach is reported but does not keep the declaration from being used. */
    void note(String field, Condition condition) {
        try {
            condition.verify();
        } catch (BadValueException e) {
            problems.add(new ConfigProblem(originOf.apply(field), field, e.getMessage()));
        }
    }

    void fail(String field, String message) {
        problems.add(new ConfigProblem(originOf.apply(field), field, message));
        failed = true;
    }

    boolean failed() {
        return failed;
    }
}
