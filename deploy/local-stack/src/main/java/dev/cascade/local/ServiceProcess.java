package dev.cascade.local;

import dev.cascade.local.CascadeServices.Service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service instance in a JVM of its own, as compose and Kubernetes run it: {@code java -Xmx<heap> -cp <the stack's
 * class path> <the service's main class> --key=value …}, its output appended to {@code <logs>/<instance>.log}. It can
 * be stopped (SIGTERM, the service's own clean shutdown), killed (SIGKILL, nothing runs) and started again with the
 * same settings and the same {@code CASCADE_INSTANCE_ID}, so its consumers rejoin their groups as the member they were.
 */
final class ServiceProcess implements AutoCloseable {

    /** Settings named like environment variables (upper case, no dot) go to the JVM's environment, not its arguments. */
    private static final java.util.regex.Pattern ENVIRONMENT_VARIABLE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]*");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Service service;
    final String instance;
    final int port;
    private final Map<String, ?> properties;
    private final Path logs;
    private final String heap;
    private final List<String> javaOptions;
    private Process process;
    private long startedNanos;

    ServiceProcess(Service service, String instance, int port, Map<String, ?> properties, Path logs, String heap) {
        this(service, instance, port, properties, logs, heap, List.of());
    }

    /** @param javaOptions further JVM options, e.g. {@code -XX:TieredStopAtLevel=1} for a quicker start */
    ServiceProcess(Service service, String instance, int port, Map<String, ?> properties, Path logs, String heap,
                   List<String> javaOptions) {
        this.javaOptions = List.copyOf(javaOptions);
        this.service = service;
        this.instance = instance;
        this.port = port;
        this.properties = properties;
        this.logs = logs;
        this.heap = heap;
    }

    synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(instance + " is running already (pid " + process.pid() + ")");
        }
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(javaOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(service.application.getName());
        Map<String, String> environment = new java.util.HashMap<>();
        properties.forEach((key, value) -> {
            if (ENVIRONMENT_VARIABLE.matcher(key).matches()) {
                environment.put(key, String.valueOf(value)); // e.g. CASCADE_KAFKA_PASSWORD: not on the command line
            } else {
                command.add("--" + key + "=" + value);
            }
        });
        command.add("--server.port=" + port);
        command.add("--logging.file.name=" + logs.resolve(instance + ".log"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(instance + ".out").toFile()));
        builder.environment().put("CASCADE_INSTANCE_ID", instance);
        builder.environment().putAll(environment);
        startedNanos = System.nanoTime();
        process = builder.start();
    }

    /** Whether {@code /actuator/health} answers 200 (UP, or DEGRADED: dead letters waiting, the rest flowing). */
    boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!healthy()) {
            if (!alive()) {
                throw new IllegalStateException(instance + " exited with " + process.exitValue() + " while starting; see "
                        + logs.resolve(instance + ".out"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(instance + " not healthy after " + timeout.toSeconds() + " s; see "
                        + logs.resolve(instance + ".log"));
            }
            Thread.sleep(250);
        }
    }

    /** SIGKILL: the JVM ends at once, no shutdown hook, no consumer leaving its group, nothing flushed. */
    synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM: the service shuts down cleanly (killed after 30 s if it has not). */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * Why the current process is not running: its exit status and the last {@code lines} lines of its console output
     * (where a failed start prints its stack trace); empty while it runs.
     */
    synchronized String exitReport(int lines) {
        if (process == null || process.isAlive()) {
            return "";
        }
        Path console = logs.resolve(instance + ".out");
        String tail;
        try {
            List<String> all = Files.readAllLines(console);
            tail = String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            tail = "(" + console + " not readable: " + e.getMessage() + ")";
        }
        return instance + " exited with status " + process.exitValue() + "; the last lines of " + console + ":"
                + System.lineSeparator() + tail;
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** When the current process was started, on {@link System#nanoTime()}'s scale. */
    synchronized long startedNanos() {
        return startedNanos;
    }

    String heapSetting() {
        return heap;
    }

    List<String> javaOptions() {
        return javaOptions;
    }

    String url() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
