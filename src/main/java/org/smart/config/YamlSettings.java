package org.smart.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smart.model.ConfigProblem;

/**
 * Reads the {@code settings:} section of smart.yml through the same key table as host.conf
 * ({@link SettingKeys}), so every host.conf key is a smart.yml setting without further code: its
 * {@code yamlPath} says where it goes ({@code smtp.port} is {@code port} inside {@code smtp:}).
 */
final class YamlSettings {

    private static final String SECTION = "settings";

    private final YamlLocations where;
    private final List<SettingAssignment> assignments = new ArrayList<>();
    private final List<ConfigProblem> problems;

    private YamlSettings(YamlLocations where, List<ConfigProblem> problems) {
        this.where = where;
        this.problems = problems;
    }

    /** The settings under {@code settings:}; problems (unknown key, wrong shape, password) go to {@code problems}. */
    static List<SettingAssignment> read(JsonNode settings, YamlLocations where, List<ConfigProblem> problems) {
        YamlSettings reader = new YamlSettings(where, problems);
        reader.section(settings, "");
        return reader.assignments;
    }

    private void section(JsonNode node, String yamlPath) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problem(fieldOf(yamlPath), "expected a mapping of settings, found " + YamlProblemHandler.describe(node));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            entry(yamlPath, entry.getKey(), entry.getValue());
        }
    }

    private void entry(String section, String name, JsonNode value) {
        String yamlPath = section.isEmpty() ? name : section + "." + name;
        String field = fieldOf(yamlPath);
        Optional<SettingKey<?>> key = SettingKeys.byYamlPath(yamlPath);
        if (key.isPresent()) {
            try {
                assignments.add(new SettingAssignment(key.get(), text(key.get(), value), where.origin(field), field));
            } catch (BadValueException e) {
                problem(field, e.getMessage());
            }
        } else if (SettingKeys.isYamlSection(yamlPath)) {
            section(value, yamlPath);
        } else if (SettingKeys.looksLikeSecret(name)) {
            problem(field, SettingKeys.secretRefusal("smart.yml", fieldOf(SettingKeys.SMTP_PASSWORD_FILE.yamlPath())));
        } else {
            List<String> known = SettingKeys.yamlKeysBelow(section);
            problem(field, "unknown key;" + KeySuggestion.didYouMean(name, known) + " known keys are "
                    + String.join(", ", known));
        }
    }

    /** The value as host.conf would spell it: a list (where the key takes one) joined with commas. */
    private static String text(SettingKey<?> key, JsonNode value) throws BadValueException {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray() && key.acceptsList()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    throw new BadValueException("expected a list of single values, found " + YamlProblemHandler.describe(item));
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }
        throw new BadValueException("expected a single value, found " + YamlProblemHandler.describe(value));
    }

    private static String fieldOf(String yamlPath) {
        return yamlPath.isEmpty() ? SECTION : SECTION + "." + yamlPath;
    }

    private void problem(String field, String message) {
        problems.add(new ConfigProblem(where.origin(field), field, message));
    }
}
