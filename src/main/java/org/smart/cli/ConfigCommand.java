package org.smart.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.smart.model.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smart config}: work with the configuration. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Work with the configuration.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Names.class})
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return SmartCommand.EXIT_USAGE;
    }

    /** {@code smart config check}: every problem, with file, line and field; non-zero exit if any. */
    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Check the configuration and print every problem with its file, line and field.",
                "Exit status: 0 no problem, 3 at least one problem."})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        SmartCommand.ConfOption conf;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Config config = TrustedConfig.load(conf.dir, Invocation.current());
            config.problems().forEach(out::println);
            if (config.hasProblems()) {
                out.println(config.problems().size() + " problem(s) in " + config.directory() + "; "
                        + config.services().size() + " service(s) would still be checked");
                return SmartCommand.EXIT_USAGE;
            }
            out.println("configuration OK: " + config.services().size() + " service(s) in " + config.directory());
            return 0;
        }
    }

    /**
     * {@code smart config names}: the services' names, one a line, for the bash completion; hidden, as it is
     * a tool's interface rather than a person's. Problems are not its business ({@code config check} says
     * them), so it prints every service that loads and exits 0 even when there is none.
     */
    @Command(name = "names", hidden = true, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the name of every configured service, one a line (for shell completion).")
    static final class Names implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        SmartCommand.ConfOption conf;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TrustedConfig.load(conf.dir, Invocation.current()).services().forEach(s -> out.println(s.name()));
            out.flush();
            return 0;
        }
    }
}
