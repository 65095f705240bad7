package org.smart.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Turns what Jackson would throw while mapping a YAML node onto a DTO record (an unknown key, a list
 * where one value belongs…) into an issue at a field path, and lets the mapping go on, so that one run
 * reports every mistake in an entry.
 */
final class YamlProblemHandler extends DeserializationProblemHandler {

    /** A mistake at {@code fieldPath}. */
    record Issue(String fieldPath, String message) {
    }

    private final String base;
    private final PropertyNamingStrategies.NamingBase naming;
    private final List<Issue> issues = new ArrayList<>();

    /**
     * @param base   the field path of the node being mapped, e.g. {@code services[2]}
     * @param naming how the mapper turns record components into keys
     */
    YamlProblemHandler(String base, PropertyNamingStrategies.NamingBase naming) {
        this.base = base;
        this.naming = naming;
    }

    List<Issue> issues() {
        return issues;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                         JsonDeserializer<?> deserializer, Object beanOrClass, String name)
            throws IOException {
        List<String> known = knownKeys(deserializer, beanOrClass);
        add(parser, "unknown key;" + KeySuggestion.didYouMean(name, known) + " known keys are "
                + (known.isEmpty() ? "none" : String.join(", ", known)));
        parser.skipChildren();
        return true;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
                                        JsonParser parser, String failureMessage) throws IOException {
        return wrongShape(parser, targetType.getRawClass(), token);
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext context, Class<?> type,
                                            ValueInstantiator instantiator, JsonParser parser, String message)
            throws IOException {
        return wrongShape(parser, type, parser.currentToken());
    }

    /** The keys in the order the record declares them, which is the order the documentation uses. */
    private List<String> knownKeys(JsonDeserializer<?> deserializer, Object beanOrClass) {
        Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents())
                    .map(component -> naming.translate(component.getName()))
                    .toList();
        }
        Collection<Object> known = deserializer.getKnownPropertyNames();
        return known == null ? List.of() : known.stream().map(String::valueOf).sorted().toList();
    }

    private Object wrongShape(JsonParser parser, Class<?> expected, JsonToken found) throws IOException {
        add(parser, "expected " + describe(expected) + ", found " + describe(found, parser));
        parser.skipChildren();
        return null;
    }

    private void add(JsonParser parser, String message) {
        issues.add(new Issue(YamlLocations.join(base, YamlLocations.fieldPath(parser.getParsingContext())), message));
    }

    /** A node's shape for a message: {@code a list}, {@code a mapping}, {@code nothing} or its quoted text. */
    static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isObject() ? "a mapping" : "'" + node.asText() + "'";
    }

    private static String describe(Class<?> type) {
        if (type == String.class || Number.class.isAssignableFrom(type) || type == Boolean.class) {
            return "a single value";
        }
        return Collection.class.isAssignableFrom(type) ? "a list" : "a mapping";
    }

    private static String describe(JsonToken token, JsonParser parser) throws IOException {
        if (token == null || token == JsonToken.VALUE_NULL) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            default -> "'" + parser.getText() + "'";
        };
    }
}
