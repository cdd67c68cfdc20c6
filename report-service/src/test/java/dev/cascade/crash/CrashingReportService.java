package dev.cascade.crash;

import dev.cascade.report.ReportServiceApplication;
import dev.cascade.report.outbox.EventProducer;
import dev.cascade.report.outbox.EventSender;
import dev.cascade.report.outbox.OutboxEvent;
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
 * nothing flushed) in the middle of publishing. Started as a child JVM by {@code CrashRecoveryTest}; it is the real
 * service (same configuration, same MongoDB, same broker) except that its event sender halts the JVM:
 * <ul>
 *   <li>{@code before-send}: after the report's write, before the first event reaches the broker;</li>
 *   <li>{@code after-send}: right after the broker acknowledged the first event, before it is marked sent.</li>
 * </ul>
 * Arguments: the mode, a file with the report body, then Spring arguments ({@code --key=value}). It posts the report
 * to itself over HTTP, as a client would. It lives outside {@code dev.cascade.report} so that no test context scans it.
 */
public final class CrashingReportService {

    public static final int HALT_STATUS = 137;

    private CrashingReportService() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String body = Files.readString(Path.of(args[1]));
        String[] springArgs = java.util.Arrays.copyOfRange(args, 2, args.length);
        ConfigurableApplicationContext context = ReportServiceApplication.builder()
                .initializers(c -> ((GenericApplicationContext) c).registerBean("haltingSender", EventSender.class,
                        () -> new HaltingSender(c.getBean(EventProducer.class), mode), d -> d.setPrimary(true)))
                .run(springArgs);
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        // reached only if the process did not die while publishing
        System.err.println("NOT HALTED: " + response.statusCode() + " " + response.body());
        Runtime.getRuntime().halt(3);
    }

    /** The real sender, halting the JVM around the first send. */
    static final class HaltingSender extends EventSender {

        private final String mode;

        HaltingSender(EventProducer producer, String mode) {
            super(producer);
            this.mode = mode;
        }

        @Override
        public void send(OutboxEvent event) {
            if (mode.equals("before-send")) {
                Runtime.getRuntime().halt(HALT_STATUS);
            }
            super.send(event);
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
