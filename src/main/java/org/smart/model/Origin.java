package org.smart.model;

import java.nio.file.Path;

/**
 * Where a piece of configuration came from: a file and a 1-based line number (0 when the line is
 * not known, e.g. for a YAML document as a whole).
 */
public record Origin(Path file, int line) {

    public static Origin of(Path file, int line) {
        return new Origin(file, line);
    }

    @Override
    public String toString() {
        String name = file == null ? "<built-in>" : file.toString();
        return line > 0 ? name + ":" + line : name;
    }
}
