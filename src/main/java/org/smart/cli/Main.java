package org.smart.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point of {@code bin/smart}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging(List.of(args));
        useVforkToStartProcesses();
        System.exit(newCommandLine(args).execute(args));
    }

    /**
     * The subcommands, in the order {@code --help} lists them. Building a picocli command model is
     * reflective and costs tens of milliseconds per command, so they are registered only when the
     * command line names one (or asks for help): the cron path, plain {@code smart -d}, pays for
     * none of them.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("config", ConfigCommand::new);
        commands.put("daemon", DaemonCommand::new);
        commands.put("status", StatusCommand::new);
        commands.put("reset", ResetCommand::new);
        commands.put("restart", ServiceControlCommand.Restart::new);
        commands.put("stop", ServiceControlCommand.Stop::new);
        commands.put("start", ServiceControlCommand.Start::new);
        commands.put("monitor", ServiceControlCommand.Monitor::new);
        commands.put("unmonitor", ServiceControlCommand.Unmonitor::new);
        commands.put("check", ServiceControlCommand.Check::new);
        commands.put("silence", SilenceCommand::new);
        commands.put("demo-daemon", DemoDaemonCommand::new);
        commands.put("warm-up", WarmUpCommand::new);
        return commands;
    }

    public static CommandLine newCommandLine(String... args) {
        CommandLine commandLine = new CommandLine(new SmartCommand());
        boolean help = Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help"));
        if (help || (args.length > 0 && SUBCOMMANDS.containsKey(args[0]))) {
            SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        }
        // A refused configuration is the user's to fix, so every command reports it the same way, here.
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof ConfigLocator.RefusedException) {
                cmd.getErr().println("smart: " + ex.getMessage());
                return SmartCommand.EXIT_USAGE;
            }
            cmd.getErr().println("smart: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return SmartCommand.EXIT_USAGE;
        });
        commandLine.setParameterExceptionHandler((ex, rejected) -> {
            CommandLine cmd = ex.getCommandLine();
            boolean twoActions = cmd.getParent() == null && (ex instanceof CommandLine.MutuallyExclusiveArgsException
                    || ex instanceof CommandLine.MaxValuesExceededException);
            String message = twoActions
                    ? "use only one action: -w, -d (or both: -wd), --all or --reboot"
                    : ex.getMessage();
            cmd.getErr().println("smart: " + message);
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return SmartCommand.EXIT_USAGE;
        });
        return commandLine;
    }

    /**
     * On JDK 17 to 22, VFORK starts a child with one exec instead of two (no jspawnhelper); it is
     * measurably cheaper per plugin run. Later JDKs deprecate it, so they keep their default.
     */
    private static void useVforkToStartProcesses() {
        if (Runtime.version().feature() < 23 && System.getProperty("jdk.lang.Process.launchMechanism") == null) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
    }

    /**
     * slf4j-simple reads its level once, when the first logger is made; so it is set here, before
     * any class that logs is touched. One-shot runs stay quiet on stderr unless asked, since cron
     * mails whatever a job prints; the daemon logs every event.
     */
    private static void configureLogging(List<String> args) {
        boolean verbose = args.contains("-v") || args.contains("--verbose");
        boolean daemon = !args.isEmpty() && Arrays.asList("daemon").contains(args.get(0));
        String level = verbose || daemon ? "info" : "warn";
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", level));
    }
}
