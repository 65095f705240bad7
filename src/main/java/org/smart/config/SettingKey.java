package org.smart.config;

import java.nio.file.Path;
import java.util.function.Function;
import org.smart.model.HostSettings;

/**
 * One host setting: its host.conf key, its place in the {@code settings:} section of smart.yml, how its
 * text is turned into a value and where its default is found.
 *
 * @param name         the host.conf key, e.g. {@code SMTP_PORT}
 * @param yamlPath     dotted path below {@code settings:}, e.g. {@code smtp.port}
 * @param acceptsList  whether smart.yml may give a list (joined with commas before parsing)
 * @param parser       turns the text into the value
 * @param defaultValue the value when the setting is not given, read from {@link HostSettings#defaults}
 * @param <T>          the value's type
 */
record SettingKey<T>(String name, String yamlPath, boolean acceptsList, Parser<T> parser,
                     Function<HostSettings, T> defaultValue) {

    /** Turns a setting's text into its value; relative paths resolve against {@code configDir}. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text, Path configDir) throws BadValueException;
    }

    /** A setting whose parser needs no configuration directory. */
    @FunctionalInterface
    interface TextParser<T> {
        T parse(String text) throws BadValueException;
    }

    static <T> SettingKey<T> of(String name, String yamlPath, TextParser<T> parser, Function<HostSettings, T> dflt) {
        return new SettingKey<>(name, yamlPath, false, (text, dir) -> parser.parse(text), dflt);
    }

    static <T> SettingKey<T> list(String name, String yamlPath, TextParser<T> parser, Function<HostSettings, T> dflt) {
        return new SettingKey<>(name, yamlPath, true, (text, dir) -> parser.parse(text), dflt);
    }

    static <T> SettingKey<T> path(String name, String yamlPath, Parser<T> parser, Function<HostSettings, T> dflt) {
        return new SettingKey<>(name, yamlPath, false, parser, dflt);
    }

    @Override
    public String toString() {
        return name;
    }
}
