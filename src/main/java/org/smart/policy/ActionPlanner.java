package org.smart.policy;

import java.util.EnumSet;
import java.util.Set;
import org.smart.check.State;

/**
 * The one-shot run's action table, the original SMART's Table 1:
 *
 * <pre>
 * state  restart with          notification
 * OK     --all                 none per service
 * WARN   -w, -wd, --all        yes (with -d alone: notify only, no restart)
 * DOWN   -d, -wd, --all        yes
 * </pre>
 *
 * No flag means check and display only, and {@code --reboot} takes no per-service action (the
 * reboot path is separate). A service without a start command is never restarted; its notification
 * still applies. An UNREACHABLE service gets nothing: its parent is the one to act on.
 */
public final class ActionPlanner {

    private ActionPlanner() {
    }

    public static Set<Action> actionsFor(State state, CliMode mode, boolean restartable) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        if (mode == CliMode.CHECK_ONLY || mode == CliMode.REBOOT || state == State.UNREACHABLE) {
            return actions;
        }
        if (mode.restarts(state) && restartable) {
            actions.add(Action.RESTART);
        }
        if (notifies(state, mode)) {
            actions.add(Action.NOTIFY);
        }
        return actions;
    }

    private static boolean notifies(State state, CliMode mode) {
        return switch (state) {
            case WARN -> mode.restarts(state) || mode == CliMode.D;
            case DOWN -> mode.restarts(state);
            case OK, UNREACHABLE -> false;
        };
    }
}
