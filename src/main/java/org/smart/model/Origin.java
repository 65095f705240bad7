package org.smart.model;

import java.nio.file.Path;

/**
 * Where a piece of configuration came from: a file, a 1-based line number (0 when the line is not known,
 * e.g. for a YAML document as a whole) and a 1-based column (0 when not known or not useful: a host.conf
 * or services.conf line is one setting or one service).
 */
public record Origin(Path file, int line, int column) {

    public Origin(Path file, int line) {
        this(file, line, 0);
    }

    public static Origin of(Path file, int line) {
        return new Origin(file, line);
    }

    public static Origin of(Path file, int line, int column) {
        return new Origin(file, line, column);
    }

    @Override
    public String toString() {
        String name = file == null ? "<built-in>" : file.toString();
        // FILE:LINE:COLUMN, as compilers print it: editors and terminals jump to the place
        if (line <= 0) {
            return name;
        }
        return column > 0 ? name + ":" + line + ":" + column : name + ":" + line;
    }
}
