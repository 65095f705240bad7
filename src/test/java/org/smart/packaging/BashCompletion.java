package org.smart.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The bash completion script: picocli's own ({@link AutoComplete}) for commands and options, wrapped so that
 * where a command takes service names (a positional parameter labelled NAME or SERVICE) the names come from
 * the configuration, through the hidden {@code smart config names}. Which commands take names, and which
 * options take a value, is read from the same picocli model, so a new command is completed without an edit.
 */
public final class BashCompletion {

    private static final Set<String> NAME_LABELS = Set.of("NAME", "SERVICE");

    private BashCompletion() {
    }

    public static String render(CommandLine smart) {
        List<String> nameCommands = new ArrayList<>();
        Set<String> valueOptions = new TreeSet<>();
        collect(smart.getCommandSpec(), "", nameCommands, valueOptions);
        Set<String> subcommandWords = new TreeSet<>();
        words(smart.getCommandSpec(), subcommandWords);
        // A completion script is sourced, never run: no #! line (Debian's lintian insists).
        String picocli = AutoComplete.bash("smart", smart).replaceFirst("\\A#!.*\\R", "");
        return picocli + wrapper(nameCommands, valueOptions, subcommandWords);
    }

    private static void collect(CommandSpec spec, String path, List<String> nameCommands, Set<String> valueOptions) {
        if (spec.positionalParameters().stream().map(PositionalParamSpec::paramLabel).anyMatch(NAME_LABELS::contains)) {
            nameCommands.add(path);
        }
        for (OptionSpec option : spec.options()) {
            if (option.arity().max() > 0) {
                valueOptions.addAll(List.of(option.names()));
            }
        }
        spec.subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                collect(sub.getCommandSpec(), path.isEmpty() ? name : path + " " + name, nameCommands, valueOptions);
            }
        });
    }

    private static void words(CommandSpec spec, Set<String> words) {
        spec.subcommands().forEach((name, sub) -> {
            words.add(name);
            words(sub.getCommandSpec(), words);
        });
    }

    private static String wrapper(List<String> nameCommands, Set<String> valueOptions, Set<String> subcommands) {
        return """

                # SMART: service names where a command takes them (NAME, SERVICE), read from the configuration the
                # command line names (--conf DIR, else $SMART_CONF, else /etc/smart) by the hidden
                # 'smart config names'; everything else is picocli's completion above.
                _smart_name_commands=(%s)
                _smart_value_options=" %s "
                _smart_subcommands=" %s "

                _smart_complete() {
                    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
                    if [[ $cur != -* && $_smart_value_options != *" $prev "* ]]; then
                        local path="" conf=() i word
                        for ((i = 1; i < COMP_CWORD; i++)); do
                            word=${COMP_WORDS[i]}
                            case $word in
                                -c|--conf) conf=(--conf "${COMP_WORDS[i+1]}") ;;
                                --conf=*) conf=("$word") ;;
                            esac
                            if [[ $word != -* && $_smart_value_options != *" ${COMP_WORDS[i-1]} "* \\
                                    && $_smart_subcommands == *" $word "* ]]; then
                                path=${path:+$path }$word
                            fi
                        done
                        local command
                        for command in "${_smart_name_commands[@]}"; do
                            if [[ $command == "$path" ]]; then
                                local names
                                names=$("${COMP_WORDS[0]}" config names "${conf[@]}" 2>/dev/null)
                                mapfile -t COMPREPLY < <(compgen -W "$names" -- "$cur")
                                [[ $path != "" || ${#COMPREPLY[@]} -gt 0 ]] && return 0
                            fi
                        done
                    fi
                    _complete_smart "$@"
                }

                complete -F _smart_complete -o default smart
                """.formatted(String.join(" ", nameCommands.stream().map(c -> "\"" + c + "\"").toList()),
                String.join(" ", valueOptions), String.join(" ", subcommands));
    }
}
