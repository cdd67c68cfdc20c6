package dev.cascade.crash;

import dev.cascade.platform.ServiceApplication;
import dev.cascade.report.ReportServiceApplication;
import dev.cascade.platform.outbox.EventProducer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.core.env.Environment;
import java.util.concurrent.CompletableFuture;
import dev.cascade.platform.outbox.OutboxEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A report-service process that dies like a killed one ({@link Runtime#halt}: no shutdown hooks, no finally blocks,
 * nothing flushed) in the middle of publishing. Started as a child JVM by {@code CrashRecoveryIT}; it is the real
 * service (same configuration, same MongoDB, same broker) except that its event sender halts the JVM:
 * <ul>
 *   <li>{@code before-send}: after the report's write, before the first event reaches the broker;</li>
 *   <li>{@code after-send}: right after the broker acknowledged the first event, before it is marked sent.</li>
 * </ul>
 * Arguments: the mode, a file with the report body, then Spring arguments ({@code --key=value}). It posts the report
 * to itself over HTTP, as a client would, with the {@code Authorization} given as {@code --crash.authorization}. It lives outside {@code dev.cascade.report} so that no test context scans it.
 */
public final class CrashingReportService {

    public static final int HALT_STATUS = 137;

    private CrashingReportService() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String body = Files.readString(Path.of(args[1]));
        String[] springArgs = java.util.Arrays.copyOfRange(args, 2, args.length);
        ConfigurableApplicationContext context = ServiceApplication.builder(ReportServiceApplication.class)
                .initializers(c -> ((GenericApplicationContext) c).registerBean("haltingSender", EventProducer.class,
                        () -> new HaltingSender(c.getEnvironment(), mode)))
                .run(springArgs);
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/reports"))
                .header("Content-Type", "application/json")
                .header("Authorization", context.getEnvironment().getProperty("crash.authorization", ""))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        // the events go out off the request thread: give the relay time to reach the send and halt
        Thread.sleep(60_000);
        // reached only if the process did not die while publishing
        System.err.println("NOT HALTED: " + response.statusCode() + " " + response.body());
        Runtime.getRuntime().halt(3);
    }

    /** The real sender, halting the JVM around the first send. */
    static final class HaltingSender extends EventProducer {

        private final String mode;

        HaltingSender(Environment environment, String mode) {
            super(environment, new SimpleMeterRegistry());
            this.mode = mode;
        }

        @Override
        public CompletableFuture<RecordMetadata> send(OutboxEvent event) {
            if (mode.equals("before-send")) {
                Runtime.getRuntime().halt(HALT_STATUS);
            }
            super.send(event).join();
            Runtime.getRuntime().halt(HALT_STATUS);
            throw new AssertionError("halted");
        }
    }
}
