package org.smart.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.smart.model.Origin;

/**
 * Where each key and value of a YAML document stands, found by one streaming pass over the text
 * (Jackson's trees and records keep no line numbers). Places are named by field path, the way messages
 * name them: {@code services[2].procs.min} (list indexes count from 0).
 *
 * <p>The same pass finds keys given twice in one mapping, which the tree would silently merge.
 */
final class YamlLocations {

    /** A key given a second time in the same mapping, at {@code line} and {@code column}. */
    record Duplicate(String fieldPath, int line, int column, int firstLine) {
    }

    /** Where a key or value starts: 1-based line and column. */
    private record Place(int line, int column) {
    }

    private final Path file;
    private final Map<String, Place> lines;
    private final List<Duplicate> duplicates;

    private YamlLocations(Path file, Map<String, Place> lines, List<Duplicate> duplicates) {
        this.file = file;
        this.lines = lines;
        this.duplicates = duplicates;
    }

    /** @throws IOException on a YAML syntax error, with its location */
    static YamlLocations index(Path file, JsonFactory yaml, String text) throws IOException {
        Map<String, Place> lines = new HashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        List<Duplicate> duplicates = new ArrayList<>();
        try (JsonParser parser = yaml.createParser(text)) {
            index(parser, lines, keyLines, duplicates);
        }
        return new YamlLocations(file, lines, duplicates);
    }

    private static void index(JsonParser parser, Map<String, Place> lines, Map<String, Integer> keyLines,
                              List<Duplicate> duplicates) throws IOException {
        try {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructEnd()) {
                    continue;
                }
                String path = fieldPath(parser.getParsingContext());
                int line = parser.currentTokenLocation().getLineNr();
                int column = Math.max(0, parser.currentTokenLocation().getColumnNr());
                if (token == JsonToken.FIELD_NAME) {
                    Integer first = keyLines.putIfAbsent(path, line);
                    if (first != null && duplicates.stream().noneMatch(d -> isWithin(path, d.fieldPath()))) {
                        duplicates.add(new Duplicate(path, line, column, first));
                    }
                }
                lines.putIfAbsent(path, new Place(line, column));
            }
        } catch (JsonProcessingException e) {
            if (e.getLocation() != null) {
                throw e;
            }
            // a limit (nesting depth, say) is reported without a place: it is where the parser stopped
            throw new JsonParseException(parser, e.getOriginalMessage(), e);
        }
    }

    List<Duplicate> duplicates() {
        return duplicates;
    }

    /** Where {@code fieldPath} was written; a field that is absent is placed at the nearest enclosing one. */
    Origin origin(String fieldPath) {
        String path = fieldPath;
        while (!lines.containsKey(path) && !path.isEmpty()) {
            path = parent(path);
        }
        Place place = lines.getOrDefault(path, new Place(0, 0));
        return Origin.of(file, place.line(), place.column());
    }

    Path file() {
        return file;
    }

    /** The field path of the parser's current place, e.g. {@code services[2].procs.min}. */
    static String fieldPath(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.hasPathSegment()) {
                parts.addFirst(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
            }
        }
        return join("", String.join("", parts));
    }

    /** {@code base} followed by a relative path that starts with a key ({@code .name} or {@code name}) or an index. */
    static String join(String base, String relative) {
        String rest = relative.startsWith(".") ? relative.substring(1) : relative;
        if (rest.isEmpty() || base.isEmpty() || rest.startsWith("[")) {
            return base + rest;
        }
        return base + "." + rest;
    }

    /** The list index of a path below {@code list}, e.g. 2 for {@code services[2].procs} in {@code services}; -1 otherwise. */
    static int indexBelow(String list, String fieldPath) {
        String prefix = list + "[";
        if (!fieldPath.startsWith(prefix)) {
            return -1;
        }
        int end = fieldPath.indexOf(']', prefix.length());
        String index = end < 0 ? "" : fieldPath.substring(prefix.length(), end);
        // a key may be spelt like an index ("services[x]: 1" at the top): that is no entry of the list
        return index.matches("\\d{1,9}") ? Integer.parseInt(index) : -1;
    }

    private static boolean isWithin(String path, String ancestor) {
        return path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
