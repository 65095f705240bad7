package org.smart.model;

/**
 * One thing wrong with the configuration, precise enough for an administrator to fix it without
 * guessing: the file, the line, the field and what is wrong with it.
 *
 * @param origin  file and line
 * @param field   the field or key at fault (e.g. {@code "field 4 (max_procs)"} or {@code "SMTP_PORT"}),
 *                empty when the whole line or file is at fault
 * @param message what is wrong, quoting the offending value
 */
public record ConfigProblem(Origin origin, String field, String message) {

    /**
     * Field and message come from the configuration's own text (a key, a quoted value), which may hold any
     * byte: they are kept printable and of a readable length here, once, for every place a problem is shown.
     */
    public ConfigProblem {
        field = PrintableText.message(field);
        message = PrintableText.message(message);
    }

    @Override
    public String toString() {
        String place = PrintableText.visible(origin.toString()); // --conf may name a directory with any byte
        return field.isEmpty() ? place + ": " + message : place + ": " + field + ": " + message;
    }
}
