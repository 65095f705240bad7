package org.smart.config;

import java.util.List;
import org.smart.model.ConfigProblem;

/**
 * What a parser made of a file, and what was wrong with it. A file with problems still yields every
 * part that was right.
 */
public record Parsed<T>(T value, List<ConfigProblem> problems) {

    public Parsed {
        problems = List.copyOf(problems);
    }
}
