package dev.cascade.report.outbox;

import dev.cascade.contracts.EventTypes;
import dev.cascade.platform.kafka.BinderClientSettings;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import dev.cascade.report.obligation.Obligation;
import dev.cascade.report.submission.Report;
import dev.cascade.report.submission.ReportStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.cascade.report.TopicRecorder.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the broker away, {@code POST /reports} still answers at once: the report and its events are written in one
 * document and the relay sends them off the request thread once the broker is back.
 * <p>
 * "Away" is real, not a stub: the service's producer is pointed at a port where nothing listens, so its sends block
 * waiting for metadata (up to {@code max.block.ms}, 2 s here) and then fail, exactly as with a broker that is down.
 * "Back" is a TCP relay opened on that port to the test's broker: the producer then bootstraps through it and sends.
 */
@Import(BrokerAwayIT.ProducerBehindAGate.class)
@TestPropertySource(properties = {"cascade.outbox.sweep-interval=500ms"})
class BrokerAwayIT extends ReportServiceTestSupport {

    private static final Gate GATE = new Gate();

    @TestConfiguration
    static class ProducerBehindAGate {
        @Bean
        EventProducer gatedEventProducer(Environment environment, MeterRegistry meters) {
            Map<String, Object> config = new java.util.HashMap<>(BinderClientSettings.producer(environment));
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + GATE.port);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
            return new EventProducer(config, "report-service", meters);
        }
    }

    @AfterAll
    static void closeGate() {
        GATE.close();
    }

    private Report report(String id) {
        return mongo.findById(id, Report.class, ReportStore.COLLECTION);
    }

    @Test
    void submissionsAnswerAtOnceWhileTheBrokerIsAwayAndTheirEventsGoOutWhenItIsBack() {
        at(START);
        unitsKnown();
        issue(TestData.plan("AWAY", List.of("10813", "10816"), TestData.annual(2024)));
        await().atMost(Duration.ofSeconds(30)).until(() -> obligations.find(Obligation.idOf("AWAY", "2024", "10813"))
                .isPresent() && obligations.find(Obligation.idOf("AWAY", "2024", "10816")).isPresent());

        // a first request warms the path up; then five more (a first version and four revisions) are timed
        assertThat(post("/reports", TestData.report("10816", "AWAY", "2024", 1, 2, 3)).statusCode()).isEqualTo(201);
        List<Long> millis = new ArrayList<>();
        String reportId = null;
        for (int i = 1; i <= 5; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = post("/reports", TestData.report("10813", "AWAY", "2024", i, 10, i));
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            reportId = parse(response.body()).get("reportId").asString();
        }
        millis.sort(null);
        System.out.println("POST /reports with the broker away, ms (sorted): " + millis);
        assertThat(millis.get(2)).as("median answer time with the broker away, ms").isLessThan(200);
        assertThat(millis.get(4)).as("slowest answer: never the producer's 2 s wait for metadata").isLessThan(2000);

        String id = reportId;
        assertThat(report(id).latestVersion()).isEqualTo(5);
        assertThat(pending(ReportStore.COLLECTION, id)).as("all five versions wait in the document").extracting(OutboxEvent::type)
                .contains(EventTypes.REPORT_SUBMITTED, EventTypes.OBLIGATION_FULFILLED, EventTypes.REPORT_REVISED);
        assertThat(statusOf("AWAY", "2024", "10813").name()).as("the obligation is fulfilled at once")
                .startsWith("FULFILLED");
        Predicate<ConsumerRecord<String, String>> ofThisReport = ofType(EventTypes.REPORT_SUBMITTED)
                .or(ofType(EventTypes.REPORT_REVISED)).and(r -> r.value().contains("\"reportId\":\"" + id + "\""));
        assertThat(recorder().records(ofThisReport)).as("nothing reached the broker").isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.failingSince() != null);

        GATE.open(broker.getBrokersAsString());

        await().atMost(Duration.ofSeconds(60)).until(() -> pending(ReportStore.COLLECTION, id).isEmpty()
                && leasedUntil(ReportStore.COLLECTION, id) == null);
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder().records(ofThisReport).size() == 5);
        assertThat(recorder().records(ofThisReport.and(ofType(EventTypes.REPORT_SUBMITTED)))).hasSize(1);
        assertThat(recorder().records(ofThisReport.and(ofType(EventTypes.REPORT_REVISED)))).hasSize(4);
        assertThat(recorder().records(ofThisReport).stream().map(r -> parse(r.value()).get("reportVersion").asInt()))
                .as("in version order").containsExactly(1, 2, 3, 4, 5);
        assertThat(outbox.failingSince()).as("health knows the broker is back").isNull();
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where(OutboxRelay.EVENTS + ".0").exists(true)),
                ReportStore.COLLECTION)).as("nothing left pending").isZero();
    }

    /** A port where nothing listens until {@link #open} relays it to the broker. */
    static final class Gate implements AutoCloseable {

        final int port;
        private ServerSocket server;

        Gate() {
            try (ServerSocket probe = new ServerSocket(0)) {
                this.port = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized void open(String broker) {
            String[] hostPort = broker.split(",")[0].split(":");
            InetSocketAddress target = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
            try {
                server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            daemon("gate-accept", () -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(target.getAddress(), target.getPort());
                        pipe(client, upstream);
                        pipe(upstream, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void daemon(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }

        private static void pipe(Socket from, Socket to) {
            daemon("gate-pipe", () -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException ended) {
                    // either side closed
                } finally {
                    try {
                        to.close();
                        from.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                }
            });
        }

        @Override
        public synchronized void close() {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
