package org.smart.model;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line from the configuration into words the way a shell would, without running one. */
public final class CommandWords {

    private CommandWords() {
    }

    /**
     * Splits on unquoted white space; single quotes are literal, double quotes and backslashes escape.
     *
     * @param what what the line is, for the message of an unbalanced quote ({@code "start command"})
     * @throws IllegalArgumentException on an unbalanced quote
     */
    public static List<String> split(String line, String what) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced " + quote + " in " + what);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
