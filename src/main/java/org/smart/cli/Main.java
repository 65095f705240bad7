package org.smart.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Entry point of {@code bin/smart}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging(List.of(args));
        useVforkToStartProcesses();
        System.exit(newCommandLine().execute(args));
    }

    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new SmartCommand());
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("smart: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return SmartCommand.EXIT_USAGE;
        });
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String message = ex instanceof CommandLine.MutuallyExclusiveArgsException
                    || ex instanceof CommandLine.MaxValuesExceededException
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
