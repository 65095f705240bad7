package org.smart.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smart.action.RebootNotice;
import org.smart.action.Rebooter;
import org.smart.action.RestartOutcome;
import org.smart.check.ServiceCheck;
import org.smart.check.State;
import org.smart.control.Caller;
import org.smart.control.ControlHandler;
import org.smart.control.ControlReply;
import org.smart.control.ControlRequest;
import org.smart.control.RebootAnswer;
import org.smart.control.ServiceOutcome;
import org.smart.model.HostSettings;
import org.smart.model.ServiceSpec;
import org.smart.notify.DeliveryReport;
import org.smart.notify.Notification;
import org.smart.policy.CliMode;
import org.smart.process.ProcessUsage;

/**
 * The operator's commands, carried out by the running daemon: the only actor on its services. A restart
 * an operator asks for (or a one-shot run hands over) is not a failure of the service: it goes past the
 * restart guard and is not counted by it, and the service's processes are not watched meanwhile, so their
 * exit is no news. Each command answers once it is done: a restart with its re-check, a check with its result.
 */
final class DaemonControl implements ControlHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonControl.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** What the daemon needs to carry a command out. */
    interface Parts {
        Supervisor supervisor();

        CheckRunner runner();

        HostSettings settings();

        ModeStore modes();

        /** Saves the state at once (after a reset). */
        void saveState();

        ProcessWatches watches();

        LiveView liveView();

        /** Runs REBOOT_COMMAND as the current configuration says. */
        Rebooter rebooter();

        /** Sends through every channel and waits until each has delivered it or kept it in its spool. */
        DeliveryReport notifyNow(Notification notification);
    }

    private final Parts parts;
    private final Clock clock;

    DaemonControl(Parts parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
    }

    @Override
    public ControlReply handle(ControlRequest request, Caller caller) {
        List<String> unknown = request.services().stream().filter(name -> parts.supervisor().spec(name).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            return ControlReply.refused("the daemon monitors no service named " + String.join(", ", unknown)
                    + " (a service added to the configuration needs 'systemctl reload smart' first)");
        }
        String command = request.command();
        if (request.services().isEmpty() && !List.of("status", "repair", "reboot").contains(command)) {
            return ControlReply.refused(command + ": name at least one service");
        }
        return switch (command) {
            case "status" -> status(request);
            case "restart" -> ControlReply.of(each(request, name -> restart(name, caller)));
            case "stop" -> ControlReply.of(each(request, name -> stop(name, caller)));
            case "start" -> ControlReply.of(each(request, name -> start(name, caller)));
            case "monitor" -> ControlReply.of(each(request, name -> monitor(name, caller)));
            case "unmonitor" -> ControlReply.of(each(request, name -> unmonitor(name, caller)));
            case "check" -> ControlReply.of(each(request, this::check));
            case "silence" -> silence(request, caller);
            case "unsilence" -> ControlReply.of(each(request, name -> unsilence(name, caller)));
            case "reset" -> ControlReply.of(each(request, name -> reset(name, caller)));
            case "repair" -> repair(request, caller);
            case "reboot" -> reboot(request, caller);
            default -> ControlReply.refused("unknown command '" + command + "'");
        };
    }

    /** The command for every service at once (restarts of several services run side by side), in the order asked. */
    private static List<ServiceOutcome> each(ControlRequest request, Function<String, CompletableFuture<ServiceOutcome>> command) {
        List<CompletableFuture<ServiceOutcome>> futures = request.services().stream().distinct().map(command).toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private ControlReply status(ControlRequest request) {
        Supervisor supervisor = parts.supervisor();
        Map<String, LiveView.Service> views = new LinkedHashMap<>();
        parts.liveView().services().forEach(view -> views.put(view.name(), view));
        Instant now = clock.instant();
        Map<String, StatusReport.Live> live = new LinkedHashMap<>();
        for (String name : views.keySet()) {
            live.put(name, new StatusReport.Live(views.get(name),
                    ProcessUsage.of(parts.watches().processesOf(name), now), supervisor.mode(name)));
        }
        StatusReport report = StatusReport.live(parts.settings().stateDir(), supervisor.states(), live, now)
                .only(request.services());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pid", report.daemonPid());
        body.put("services", report.services());
        return ControlReply.status(JSON.valueToTree(body));
    }

    private CompletableFuture<ServiceOutcome> restart(String name, Caller caller) {
        ServiceMode mode = parts.supervisor().mode(name);
        if (mode.monitoring() == ServiceMode.Monitoring.STOPPED) {
            return done(ServiceOutcome.refused(name, "stopped by an operator; 'smart start " + name + "' starts it"));
        }
        ServiceSpec spec = parts.supervisor().spec(name).orElseThrow();
        if (!spec.isRestartable()) {
            return done(ServiceOutcome.refused(name, "it has no start command: SMART cannot restart it"));
        }
        LOG.info("{}: restart asked for by {} (not counted by the restart guard)", name, caller);
        return operatorRestart(spec, "restarted");
    }

    /** Restarts past the restart guard; the service is checked afresh afterwards, as after any restart. */
    private CompletableFuture<ServiceOutcome> operatorRestart(ServiceSpec spec, String what) {
        String name = spec.name();
        return parts.runner().exclusive(name, tools -> tools.restarterOf(spec).restart(spec))
                .handle((outcome, failure) -> {
                    if (parts.supervisor().monitored(name)) {
                        parts.runner().checkNow(name, clock.instant());
                    }
                    if (failure != null) {
                        return ServiceOutcome.refused(name, "not " + what + ": " + cause(failure));
                    }
                    return restarted(name, what, outcome);
                });
    }

    private static ServiceOutcome restarted(String name, String what, RestartOutcome outcome) {
        ServiceCheck after = outcome.after();
        String message = outcome.succeeded() ? what + ", " + after.state() + " again"
                : what + ", but still " + after.state() + ": " + after.reason();
        return new ServiceOutcome(name, outcome.succeeded(), message, after.state().name(),
                after.isUnreachable() ? null : after.status().code(), after.reason(), outcome.steps());
    }

    private CompletableFuture<ServiceOutcome> stop(String name, Caller caller) {
        ServiceSpec spec = parts.supervisor().spec(name).orElseThrow();
        ServiceMode mode = parts.supervisor().mode(name);
        // Stopped first, so that no check finds it down and repairs it while it is being stopped.
        String saved = changeMode(name, mode.with(ServiceMode.Monitoring.STOPPED, caller.user()));
        LOG.info("{}: stop asked for by {}; not checked or restarted until 'smart start {}'", name, caller, name);
        return parts.runner().exclusive(name, tools -> tools.restarterOf(spec).stop(spec)).handle((steps, failure) ->
                failure != null ? ServiceOutcome.refused(name, "stopped being monitored, but stopping it failed: "
                        + cause(failure) + saved)
                        : new ServiceOutcome(name, true, "stopped; not monitored until 'smart start " + name + "'" + saved,
                                null, null, null, steps));
    }

    private CompletableFuture<ServiceOutcome> start(String name, Caller caller) {
        ServiceMode mode = parts.supervisor().mode(name);
        ServiceSpec spec = parts.supervisor().spec(name).orElseThrow();
        if (mode.monitoring() == ServiceMode.Monitoring.UNMONITORED) {
            return done(ServiceOutcome.refused(name, "unmonitored, not stopped: 'smart monitor " + name
                    + "' monitors it again, 'smart restart " + name + "' restarts it"));
        }
        if (mode.monitoring() == ServiceMode.Monitoring.MONITORED) {
            return done(ServiceOutcome.done(name, "not stopped: the daemon monitors it already ('smart restart "
                    + name + "' restarts it)"));
        }
        if (!spec.isRestartable()) {
            return done(ServiceOutcome.refused(name, "it has no start command: SMART cannot start it"));
        }
        LOG.info("{}: start asked for by {}", name, caller);
        // Monitored again only once it has been started: a check meanwhile would find it DOWN and start it too.
        return parts.runner().exclusive(name, tools -> {
            RestartOutcome outcome = tools.restarterOf(spec).restart(spec);
            changeMode(name, mode.with(ServiceMode.Monitoring.MONITORED, caller.user()));
            return outcome;
        }).handle((outcome, failure) -> {
            parts.runner().checkNow(name, clock.instant());
            return failure != null ? ServiceOutcome.refused(name, "not started: " + cause(failure))
                    : restarted(name, "started", outcome);
        });
    }

    private CompletableFuture<ServiceOutcome> monitor(String name, Caller caller) {
        ServiceMode mode = parts.supervisor().mode(name);
        if (mode.monitored()) {
            return done(ServiceOutcome.done(name, "monitored already"));
        }
        String saved = changeMode(name, mode.with(ServiceMode.Monitoring.MONITORED, caller.user()));
        LOG.info("{}: monitored again, as {} asked; checking it now", name, caller);
        return done(ServiceOutcome.done(name, "monitored again (was " + mode.monitoring().name().toLowerCase(java.util.Locale.ROOT)
                + "); checked now" + saved));
    }

    private CompletableFuture<ServiceOutcome> unmonitor(String name, Caller caller) {
        ServiceMode mode = parts.supervisor().mode(name);
        if (!mode.monitored()) {
            return done(ServiceOutcome.done(name, "not monitored already (" + mode.describe(clock.instant()) + ")"));
        }
        String saved = changeMode(name, mode.with(ServiceMode.Monitoring.UNMONITORED, caller.user()));
        LOG.info("{}: unmonitored, as {} asked: no checks, actions or notifications until 'smart monitor {}'", name,
                caller, name);
        return done(ServiceOutcome.done(name, "unmonitored: no checks, actions or notifications until 'smart monitor "
                + name + "'" + saved));
    }

    private CompletableFuture<ServiceOutcome> check(String name) {
        if (!parts.supervisor().monitored(name)) {
            return done(ServiceOutcome.refused(name, "not checked: it is " + parts.supervisor().mode(name)
                    .describe(clock.instant()) + "; 'smart monitor " + name + "' first"));
        }
        CompletableFuture<ServiceCheck> result = parts.supervisor().nextResult(name);
        parts.runner().checkNow(name, clock.instant());
        return result.orTimeout(checkWait().toMillis(), TimeUnit.MILLISECONDS).handle((check, failure) -> {
            if (failure != null) {
                return ServiceOutcome.refused(name, "no result within " + checkWait().toSeconds() + " s");
            }
            return new ServiceOutcome(name, true, check.state() + ": " + check.reason(), check.state().name(),
                    check.isUnreachable() ? null : check.status().code(), check.reason(), List.of());
        });
    }

    /** A check may have to wait for a restart under way: its start timeout, then the check's own. */
    private Duration checkWait() {
        HostSettings settings = parts.settings();
        return settings.stopTimeout().plus(settings.startTimeout()).plus(settings.checkTimeout().multipliedBy(2))
                .plusSeconds(10);
    }

    private ControlReply silence(ControlRequest request, Caller caller) {
        if (request.durationS() == null || request.durationS() <= 0) {
            return ControlReply.refused("silence: a duration is needed (--for)");
        }
        Instant until = clock.instant().plusSeconds(request.durationS());
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        return ControlReply.of(each(request, name -> {
            String saved = changeMode(name, parts.supervisor().mode(name).silenced(until, reason, caller.user()));
            LOG.info("{}: silenced by {} until {}{}: checked and repaired, nobody notified", name, caller, until,
                    reason == null ? "" : " (" + reason + ")");
            return done(ServiceOutcome.done(name, "silenced until " + until + saved));
        }));
    }

    private CompletableFuture<ServiceOutcome> unsilence(String name, Caller caller) {
        ServiceMode mode = parts.supervisor().mode(name);
        if (!mode.silencedAt(clock.instant())) {
            return done(ServiceOutcome.done(name, "not silenced"));
        }
        String saved = changeMode(name, mode.silenced(null, null, caller.user()));
        LOG.info("{}: silence cleared by {}; notified again", name, caller);
        return done(ServiceOutcome.done(name, "notified again" + saved));
    }

    private CompletableFuture<ServiceOutcome> reset(String name, Caller caller) {
        var before = parts.supervisor().states().get(name);
        parts.supervisor().reset(name);
        parts.saveState();
        LOG.info("{}: reset by {}", name, caller);
        boolean givenUp = before != null && before.restarts().givenUp();
        boolean flapping = before != null && before.flapping().flapping();
        return done(ServiceOutcome.done(name, "reset" + (givenUp ? " (it was given up)" : "")
                + (flapping ? " (it was flapping)" : "") + ": restart count and flapping history cleared; the daemon"
                + " restarts it again when needed"));
    }

    /**
     * A one-shot run's work, handed over: each service is checked now, and restarted when the run's flag
     * says so for its state ({@code --all}: whatever its state). The restarts are the operator's, not counted.
     */
    private ControlReply repair(ControlRequest request, Caller caller) {
        CliMode mode;
        try {
            mode = CliMode.valueOf(String.valueOf(request.mode()));
        } catch (IllegalArgumentException e) {
            return ControlReply.refused("repair: unknown mode '" + request.mode() + "'");
        }
        if (mode == CliMode.CHECK_ONLY || mode == CliMode.REBOOT) {
            return ControlReply.refused("repair: the daemon does not take mode " + mode);
        }
        var held = parts.supervisor().restartsHeld();
        if (held.isPresent()) {
            return ControlReply.refused("not repaired: automatic restarts are held, " + held.get());
        }
        List<String> names = namesOf(request);
        LOG.info("one-shot run ({}) handed to the daemon by {}: {}", mode, caller, String.join(" ", names));
        List<CompletableFuture<ServiceOutcome>> futures = new ArrayList<>();
        for (String name : names.stream().distinct().toList()) {
            futures.add(repairOne(name, mode));
        }
        return ControlReply.of(futures.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<ServiceOutcome> repairOne(String name, CliMode mode) {
        ServiceSpec spec = parts.supervisor().spec(name).orElseThrow();
        if (!parts.supervisor().monitored(name)) {
            return done(ServiceOutcome.done(name, "left alone: " + parts.supervisor().mode(name).describe(clock.instant())));
        }
        if (mode == CliMode.ALL) {
            return spec.isRestartable() ? operatorRestart(spec, "restarted")
                    : check(name);
        }
        return check(name).thenCompose(checked -> {
            State state = checked.state() == null ? null : State.valueOf(checked.state());
            if (state == null || !mode.restarts(state) || !spec.isRestartable()) {
                return done(checked);
            }
            return repairUnlessRepaired(spec, state);
        });
    }

    /**
     * The one-shot run's restart, unless the daemon has repaired the service meanwhile (it may have decided
     * so on the very check above): the service is looked at again once nothing else acts on it.
     */
    private CompletableFuture<ServiceOutcome> repairUnlessRepaired(ServiceSpec spec, State found) {
        String name = spec.name();
        return parts.runner().exclusive(name, tools -> {
            ServiceCheck now = parts.runner().checkAside(spec, tools);
            if (now != null && now.state() == State.OK) {
                return new ServiceOutcome(name, true, "was " + found + ", repaired by the daemon meanwhile: OK",
                        State.OK.name(), now.status().code(), now.reason(), List.of());
            }
            return restarted(name, "was " + found + ", restarted", tools.restarterOf(spec).restart(spec));
        }).handle((outcome, failure) -> {
            parts.runner().checkNow(name, clock.instant());
            return failure != null ? ServiceOutcome.refused(name, "not restarted: " + cause(failure)) : outcome;
        });
    }

    /** The services a request names; every one when it names none. */
    private List<String> namesOf(ControlRequest request) {
        return request.services().isEmpty() ? parts.supervisor().specs().stream().map(ServiceSpec::name).toList()
                : request.services().stream().distinct().toList();
    }

    /**
     * A one-shot run's {@code --reboot}, handed over: no automatic restart from now on (services going down
     * while the system shuts down are not "repaired"), every service checked, the general notification
     * delivered or spooled, the state saved, then REBOOT_COMMAND. When that fails, restarts resume.
     */
    private ControlReply reboot(ControlRequest request, Caller caller) {
        Rebooter rebooter = parts.rebooter();
        if (!parts.supervisor().holdRestarts("the system is rebooting (--reboot by " + caller + ")")) {
            return ControlReply.refused("a reboot is under way already: automatic restarts are held, "
                    + parts.supervisor().restartsHeld().orElse("for another reason"));
        }
        LOG.warn("reboot asked for by {}: no automatic restarts from now on; checking, notifying and saving the state,"
                + " then running '{}'", caller, rebooter.command());
        try {
            return rebootHeld(request, caller, rebooter);
        } catch (RuntimeException e) {
            // never left holding restarts for a reboot that is not coming
            LOG.error("reboot asked for by {} not carried out: {}", caller, e.toString(), e);
            parts.supervisor().resumeRestarts("the reboot was not carried out");
            return ControlReply.refused("reboot not carried out: " + cause(e) + "; automatic restarts resumed");
        }
    }

    private ControlReply rebootHeld(ControlRequest request, Caller caller, Rebooter rebooter) {
        List<CompletableFuture<ServiceOutcome>> checks = namesOf(request).stream().map(this::beforeReboot).toList();
        List<ServiceOutcome> before = checks.stream().map(CompletableFuture::join).toList();
        Notification notice = RebootNotice.of(parts.settings().hostname(), rebooter.command(), caller.user(),
                before.stream().map(DaemonControl::noticeLine).toList(), clock.instant());
        DeliveryReport delivery = parts.notifyNow(notice);
        parts.saveState();
        Rebooter.Outcome outcome = rebooter.reboot(caller.user());
        String restarts;
        if (outcome.succeeded()) {
            restarts = "automatic restarts held until the daemon stops";
        } else {
            parts.supervisor().resumeRestarts("the reboot failed: " + outcome.line());
            restarts = "automatic restarts resumed: the reboot failed";
        }
        List<String> notified = delivery.outcomes().isEmpty()
                ? List.of("not sent (no MAIL_TO, WEBHOOK_URL or NOTIFY_COMMAND configured): " + notice.subject())
                : delivery.lines();
        return ControlReply.rebooting(before, new RebootAnswer(outcome.succeeded(), outcome.line(), notified,
                !delivery.allDelivered(), restarts));
    }

    /** A monitored service checked now; another one as the operator left it. */
    private CompletableFuture<ServiceOutcome> beforeReboot(String name) {
        if (parts.supervisor().monitored(name)) {
            return check(name);
        }
        ServiceMode mode = parts.supervisor().mode(name);
        return done(new ServiceOutcome(name, true, "not checked: " + mode.describe(clock.instant()),
                mode.monitoring().name(), null, "not checked: " + mode.describe(clock.instant()), List.of()));
    }

    private static RebootNotice.Line noticeLine(ServiceOutcome outcome) {
        return new RebootNotice.Line(outcome.service(), outcome.state() == null ? "UNKNOWN" : outcome.state(),
                outcome.status() == null ? "-" : String.valueOf(outcome.status()),
                outcome.reason() == null ? outcome.message() : outcome.reason());
    }

    /** Saves the modes; returns a note for the operator when they could not be saved. */
    private String changeMode(String name, ServiceMode mode) {
        parts.supervisor().changeMode(name, mode);
        try {
            parts.modes().save(parts.supervisor().modes());
            return "";
        } catch (IOException e) {
            LOG.error("{}: cannot save the modes to {}: {}; a restart of the daemon forgets this change", name,
                    parts.modes().file(), e.toString());
            return " (NOT saved, a restart of the daemon forgets it: " + e.getMessage() + ")";
        }
    }

    private static CompletableFuture<ServiceOutcome> done(ServiceOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    private static String cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "timed out";
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
