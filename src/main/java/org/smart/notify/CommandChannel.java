package org.smart.notify;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Runs a configured program (argv, never a shell line) once per notification, with the notification
 * in environment variables: {@code SMART_ID, SMART_KIND, SMART_HOST, SMART_SERVICE, SMART_SUBJECT,
 * SMART_BODY, SMART_CREATED_AT} and {@code SMART_<DETAIL_KEY>} for each detail. Of SMART's own
 * environment only PATH, LANG, LC_*, TZ and HOME are passed on, so secrets such as the SMTP password
 * never reach it. Exit 0 means delivered; the program is killed (with its children) at the timeout.
 */
public final class CommandChannel implements Channel {

    private static final Set<String> INHERITED = Set.of("PATH", "LANG", "TZ", "HOME");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int OUTPUT_CAP = 4096;

    private final String name;
    private final List<String> argv;
    private final Map<String, String> baseEnvironment;
    private final Duration timeout;

    /**
     * @param name             channel name
     * @param argv             program and arguments
     * @param smartEnvironment SMART's own environment; only the allow-listed variables are used
     * @param timeout          how long the program may run
     */
    public CommandChannel(String name, List<String> argv, Map<String, String> smartEnvironment, Duration timeout) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("channel name '" + name + "' must be letters, digits, '-' or '_'");
        }
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("notification command of channel '" + name + "' is empty");
        }
        this.name = name;
        this.argv = List.copyOf(argv);
        this.baseEnvironment = allowListed(smartEnvironment);
        this.timeout = timeout;
    }

    public CommandChannel(List<String> argv, Map<String, String> smartEnvironment, Duration timeout) {
        this("command", argv, smartEnvironment, timeout);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Notification n) throws DeliveryException {
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environmentFor(n));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new DeliveryException("cannot start '" + argv.get(0) + "': " + Texts.causes(e), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readCapped(process.getInputStream()),
                runnable -> daemon(runnable).start());
        awaitExit(process);
        if (process.exitValue() != 0) {
            String text = outputOf(output);
            throw new DeliveryException("'" + argv.get(0) + "' exited with " + process.exitValue()
                    + (text.isBlank() ? "" : ": " + Texts.excerpt(text, 300)));
        }
    }

    Map<String, String> environmentFor(Notification n) {
        Map<String, String> env = new LinkedHashMap<>(baseEnvironment);
        n.details().forEach((key, value) -> env.put(variable(key), value));
        // The fixed variables are put last so that no detail key can shadow them.
        env.put("SMART_ID", n.id());
        env.put("SMART_KIND", n.kind().name());
        env.put("SMART_HOST", n.host());
        env.put("SMART_SERVICE", n.service() == null ? "" : n.service());
        env.put("SMART_SUBJECT", n.subject());
        env.put("SMART_BODY", n.body());
        env.put("SMART_CREATED_AT", n.createdAt().toString());
        return env;
    }

    private void awaitExit(Process process) throws DeliveryException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new DeliveryException("'" + argv.get(0) + "' did not finish within " + Texts.duration(timeout)
                        + " and was killed");
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while '" + argv.get(0) + "' was running; it was killed", e);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> allowListed(Map<String, String> env) {
        Map<String, String> kept = new LinkedHashMap<>();
        env.forEach((key, value) -> {
            if (INHERITED.contains(key) || key.startsWith("LC_")) {
                kept.put(key, value);
            }
        });
        return Map.copyOf(kept);
    }

    private static String variable(String detailKey) {
        return "SMART_" + detailKey.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    /** Keeps the first bytes of the output and drains the rest, so the program never blocks on a full pipe. */
    private static String readCapped(InputStream in) {
        try (in) {
            byte[] kept = in.readNBytes(OUTPUT_CAP);
            in.transferTo(OutputStream.nullOutputStream());
            return new String(kept, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The output, unless a background child still holds the pipe open: then the exit code must do. */
    private static String outputOf(CompletableFuture<String> output) {
        try {
            return output.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }

    private Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "smart-notify-" + name + "-output");
        thread.setDaemon(true);
        return thread;
    }
}
