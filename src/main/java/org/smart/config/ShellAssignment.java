package org.smart.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code KEY=value} line of a shell-style file such as host.conf, read the way {@code sh} would
 * read it without running anything: an optional {@code export} prefix, single quotes (everything
 * literal), double quotes (backslash escapes {@code \" \\ \$ \`}), backslash escapes outside quotes, and
 * a {@code #} comment after unquoted white space. Shell expansion ({@code $VAR}, {@code $(...)},
 * backquotes) is refused rather than silently taken literally.
 *
 * @param name     the key as written
 * @param rawValue the value as written, quotes and any trailing comment included
 */
record ShellAssignment(String name, String rawValue) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern EXPORT = Pattern.compile("^export\\s+");

    /**
     * The assignment on {@code line}; empty for a blank or comment line.
     *
     * @throws BadValueException when the line is not {@code KEY=value}
     */
    static Optional<ShellAssignment> parse(String line) throws BadValueException {
        String rest = EXPORT.matcher(line.strip()).replaceFirst("");
        if (rest.isEmpty() || rest.startsWith("#")) {
            return Optional.empty();
        }
        int equals = rest.indexOf('=');
        if (equals < 0) {
            throw new BadValueException("expected KEY=value, found '" + line.strip() + "'");
        }
        String name = rest.substring(0, equals);
        if (!NAME.matcher(name).matches()) {
            throw new BadValueException(NAME.matcher(name.stripTrailing()).matches()
                    ? spacesAroundEquals()
                    : "'" + name + "' is not a valid key name");
        }
        return Optional.of(new ShellAssignment(name, rest.substring(equals + 1)));
    }

    /**
     * The value with quotes and escapes resolved and any trailing comment dropped.
     *
     * @throws BadValueException on an unclosed quote, an unquoted space inside the value or shell expansion
     */
    String value() throws BadValueException {
        StringBuilder value = new StringBuilder();
        int i = 0;
        while (i < rawValue.length()) {
            char c = rawValue.charAt(i);
            if (Character.isWhitespace(c)) {
                checkOnlyCommentFollows(rawValue.substring(i).strip(), i == 0);
                break;
            }
            i = switch (c) {
                case '\'' -> singleQuoted(i + 1, value);
                case '"' -> doubleQuoted(i + 1, value);
                case '\\' -> escaped(i + 1, value);
                case '$', '`' -> throw expansion();
                default -> {
                    value.append(c);
                    yield i + 1;
                }
            };
        }
        return value.toString();
    }

    private static void checkOnlyCommentFollows(String rest, boolean rightAfterEquals) throws BadValueException {
        if (rest.isEmpty() || rest.startsWith("#")) {
            return;
        }
        throw new BadValueException(rightAfterEquals ? spacesAroundEquals()
                : "unquoted space in the value, before '" + rest + "'; put the whole value in quotes");
    }

    private static String spacesAroundEquals() {
        return "no spaces are allowed around '=' (write KEY=value, and quote a value that has spaces)";
    }

    private int singleQuoted(int start, StringBuilder value) throws BadValueException {
        int end = rawValue.indexOf('\'', start);
        if (end < 0) {
            throw new BadValueException("missing closing ' quote");
        }
        value.append(rawValue, start, end);
        return end + 1;
    }

    private int doubleQuoted(int start, StringBuilder value) throws BadValueException {
        for (int i = start; i < rawValue.length(); i++) {
            char c = rawValue.charAt(i);
            if (c == '"') {
                return i + 1;
            } else if (c == '$' || c == '`') {
                throw expansion();
            } else if (c == '\\' && i + 1 < rawValue.length() && "\"\\$`".indexOf(rawValue.charAt(i + 1)) >= 0) {
                value.append(rawValue.charAt(++i));
            } else {
                value.append(c);
            }
        }
        throw new BadValueException("missing closing \" quote");
    }

    private int escaped(int next, StringBuilder value) throws BadValueException {
        if (next >= rawValue.length()) {
            throw new BadValueException("a value must not end with '\\' (lines cannot be continued)");
        }
        value.append(rawValue.charAt(next));
        return next + 1;
    }

    private static BadValueException expansion() {
        return new BadValueException("shell expansion ($VAR, $(command), `command`) is not supported;"
                + " write the value out, or put it in single quotes if the '$' or '`' is meant literally");
    }
}
