package org.smart.feed;

import java.util.ArrayList;
import java.util.List;

/** Splits a perfdata string into its items, for Icinga 2's {@code performance_data} array. */
final class Perfdata {

    private Perfdata() {
    }

    /**
     * Splits at white space outside single quotes, so {@code 'disk /var'=3GB;5;8 load=0.5} gives
     * two items. Inside quotes, {@code ''} is a quote (the plugin guidelines' escape).
     */
    static List<String> split(String perfdata) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < perfdata.length(); i++) {
            char c = perfdata.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                item.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                addIfAny(items, item);
            } else {
                item.append(c);
            }
        }
        addIfAny(items, item);
        return items;
    }

    private static void addIfAny(List<String> items, StringBuilder item) {
        if (item.length() > 0) {
            items.add(item.toString());
            item.setLength(0);
        }
    }
}
