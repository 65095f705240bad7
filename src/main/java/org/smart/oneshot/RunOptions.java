package org.smart.oneshot;

import java.util.List;
import org.smart.policy.CliMode;

/**
 * How a one-shot run was asked to behave.
 *
 * @param mode     the action flag ({@code -w}, {@code -d}, {@code -wd}, {@code --all}, {@code --reboot} or none)
 * @param dryRun   decide and show, but change nothing and send nothing
 * @param selected service names given on the command line; empty means all
 * @param invoker  who asked, for the general notification (the sudo user, or the current user)
 */
public record RunOptions(CliMode mode, boolean dryRun, List<String> selected, String invoker) {

    public RunOptions {
        selected = List.copyOf(selected);
    }
}
