package org.smart.config;

/**
 * A value in a configuration file breaks its rule. The message quotes the value and says what was
 * expected; the caller adds the file, line and field.
 */
final class BadValueException extends Exception {

    private static final long serialVersionUID = 1L;

    BadValueException(String message) {
        super(message, null, false, false);
    }
}
