package dev.cascade.report;

import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxDocuments;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestIssuer;
import dev.cascade.platform.test.EmbeddedStore;
import dev.cascade.platform.test.TestClock;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.MutableClock;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.report.obligation.Obligation;
import dev.cascade.report.obligation.ObligationOutcomes;
import dev.cascade.report.obligation.Obligations;
import dev.cascade.report.obligation.PeriodOpenings;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxRelay;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.cascade.report.TopicRecorder.ofType;
import static org.awaitility.Awaitility.await;

/**
 * The one Spring context of report-service's integration tests: the service on a random port, a real Kafka broker
 * (KRaft, one partition per topic so that "nothing else was published" can be checked in order) and the embedded
 * MongoDB-wire server. Time is a {@link MutableClock}; the periodic jobs are left to the tests (1 h intervals).
 * Every request carries a real bearer token of the shared {@link TestIssuer}: unless a test sends its own
 * {@code Authorization}, the one of the person who would make that request (see {@link #tokenFor}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=report-service",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.mongodb.database=report-service-test",
        "cascade.outbox.sweep-interval=1h",
        "cascade.obligations.open-interval=1h",
        "cascade.obligations.overdue-interval=1h",
        // the tests read the obligation gauges right after changing obligations (their caching: ObligationFiguresTest)
        "cascade.obligations.figures-refresh=0s",
        "spring.cloud.stream.bindings.plans-in-0.consumer.max-attempts=12",
        "spring.cloud.stream.bindings.plans-in-0.consumer.back-off-initial-interval=100",
        "spring.cloud.stream.bindings.plans-in-0.consumer.back-off-max-interval=500",
        "spring.cloud.stream.bindings.units-in-0.consumer.max-attempts=3",
        "spring.cloud.stream.bindings.units-in-0.consumer.back-off-initial-interval=100",
        "spring.cloud.stream.bindings.units-in-0.consumer.back-off-max-interval=200"})
@EmbeddedKafka(partitions = 1, topics = {"cascade.units.v1", "cascade.plans.v1", "cascade.obligations.v1",
        "cascade.reports.v1", "cascade.units.v1.dlq", "cascade.plans.v1.dlq"})
@EmbeddedStore
public abstract class ReportServiceTestSupport {

    /** 4 December 2024, 09:00 in Hanoi: inside the 2024 annual cut-off window, the day before communes' deadline. */
    public static final String START = "2024-12-04T09:00:00+07:00";
    /** The three communes of province 30 that {@link #open(String)} opens obligations for. */
    protected static final List<String> COMMUNES = List.of("10813", "10816", "10507");

    private static final Map<String, TopicRecorder> RECORDERS = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> UNITS_SENT = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A clock of its own for every context, standing at {@link #START}. */
    @TestClock
    static MutableClock startClock() {
        return MutableClock.at(START);
    }

    @Autowired
    protected MutableClock clock;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected Obligations obligations;
    @Autowired
    protected PeriodOpenings openings;
    @Autowired
    protected ObligationOutcomes outcomes;
    @Autowired
    protected OutboxRelay outbox;
    /** The real producer; a test may make it fail. */
    @MockitoSpyBean
    protected EventProducer sender;
    @LocalServerPort
    protected int port;

    protected void at(String isoOffsetDateTime) {
        clock.set(java.time.OffsetDateTime.parse(isoOffsetDateTime).toInstant());
    }

    /** What report-service published: {@code cascade.obligations.v1} and {@code cascade.reports.v1}. */
    protected TopicRecorder recorder() {
        return RECORDERS.computeIfAbsent(broker.getBrokersAsString(),
                b -> new TopicRecorder(broker, Topics.OBLIGATIONS, Topics.REPORTS));
    }

    /** The units' dead-letter topic. */
    protected TopicRecorder deadLetters() {
        return RECORDERS.computeIfAbsent(broker.getBrokersAsString() + "/dlq",
                b -> new TopicRecorder(broker, Topics.deadLetter(Topics.UNITS)));
    }

    /** Publishes one event the way another service would: JSON payload, CloudEvents headers, a String key. */
    protected void publish(String topic, String key, String type, byte[] payload) {
        try (var producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload);
            CloudEventHeaders.of(UUID.randomUUID().toString(), type, "/cascade/test", key, Instant.now(clock))
                    .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected void publishUnit(UnitUpserted unit) {
        publish(Topics.UNITS, unit.code(), EventTypes.UNIT_UPSERTED, json.writeValueAsBytes(unit));
    }

    /** The real units of the test data, published once per broker and awaited in the unit copy. */
    protected void unitsKnown() {
        if (UNITS_SENT.putIfAbsent(broker.getBrokersAsString(), true) == null) {
            TestData.units().forEach(this::publishUnit);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(new org.springframework.data.mongodb.core
                .query.Query(), "units") >= TestData.units().size());
    }

    protected void issue(PlanIssued plan) {
        publish(Topics.PLANS, plan.planId(), EventTypes.PLAN_ISSUED, json.writeValueAsBytes(plan));
    }

    /** Issues a plan of province 30 for the three communes and waits until their obligations for {@code period} are open. */
    protected void issueAndAwaitOpen(PlanIssued plan, String period) {
        unitsKnown();
        issue(plan);
        // opened and their ObligationOpened sent: the consumer thread is done with the sender, so a test may stub it
        await().atMost(Duration.ofSeconds(30)).until(() -> plan.reportingUnits().stream()
                .allMatch(u -> obligations.find(Obligation.idOf(plan.programme().code(), period, u))
                        .filter(o -> pending(Obligations.COLLECTION, o.id()).isEmpty()).isPresent()));
    }

    /** At {@link #START}: issues an annual plan of {@code programme} for {@link #COMMUNES}, awaits their 2024 obligations. */
    protected void open(String programme) {
        at(START);
        issueAndAwaitOpen(TestData.plan(programme, COMMUNES, TestData.annual(2024)), "2024");
    }

    /** The published records whose payload is about {@code programme}. */
    protected Predicate<ConsumerRecord<String, String>> about(String programme) {
        return r -> r.value().contains("\"programme\":\"" + programme + "\"");
    }

    /** Waits until at least {@code count} records of {@code type} about {@code programme} are published; returns them. */
    protected List<ConsumerRecord<String, String>> awaitRecords(String type, String programme, int count) {
        Predicate<ConsumerRecord<String, String>> which = ofType(type).and(about(programme));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder().records(which).size() >= count);
        return recorder().records(which);
    }

    protected Obligation obligation(String programme, String period, String unit) {
        return obligations.find(Obligation.idOf(programme, period, unit)).orElseThrow();
    }

    protected ObligationStatus statusOf(String programme, String period, String unit) {
        return obligation(programme, period, unit).status();
    }

    /** A POST with the token of whoever would send it ({@link #tokenFor}). */
    protected HttpResponse<String> post(String path, String body) {
        return post(path, body, new String[0]);
    }

    /**
     * A POST with extra headers given as name, value, name, value, ...; without an {@code Authorization} among them,
     * the token of whoever would send it ({@link #tokenFor}).
     */
    protected HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        boolean authorized = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            authorized |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!authorized) {
            request.header("Authorization", tokenFor("POST", path, body));
        }
        return send(request.build());
    }

    /** {@code Authorization: Bearer …} of a valid token of the test issuer for {@code subject} of {@code unit}. */
    public static String bearer(String subject, String unit, Role... roles) {
        return TestIssuer.shared().bearer(subject, unit, roles);
    }

    /** The REPORTER of {@code unit} ({@code reporter-<unit>}, as the identity provider names them). */
    public static String reporter(String unit) {
        return bearer("reporter-" + unit, unit, Role.REPORTER);
    }

    /** The REVIEWER of {@code unit}. */
    public static String reviewer(String unit) {
        return bearer("reviewer-" + unit, unit, Role.REVIEWER);
    }

    /** The VIEWER of {@code unit}; {@code viewer-BGDDT}, the ministry's analyst, reads everything. */
    public static String viewer(String unit) {
        return bearer("viewer-" + unit, unit, Role.VIEWER);
    }

    private static final Pattern UNIT_CODE = Pattern.compile("\"unitCode\"\\s*:\\s*\"([^\"]{1,50})\"");
    private static final Pattern REPORT_ACTION = Pattern.compile("^/reports/([^/?]+)/(withdrawal|review)$");

    /**
     * The token of the person who would make this request: a report's submission by the REPORTER of the unit its
     * body names (10813 when it names none); a withdrawal by the REPORTER of the report's unit; a review by the
     * REVIEWER of its parent; a read by the ministry's VIEWER, who may read every unit.
     */
    protected String tokenFor(String method, String path, String body) {
        if (method.equals("GET")) {
            return viewer("BGDDT");
        }
        Matcher action = REPORT_ACTION.matcher(path);
        if (action.matches()) {
            Document report = mongo.getCollection("reports").find(new Document("_id", action.group(1))).first();
            if (report == null) {
                return reporter("10813");
            }
            return action.group(2).equals("review") ? reviewer(report.getString("parentCode"))
                    : reporter(report.getString("unitCode"));
        }
        Matcher unit = UNIT_CODE.matcher(body == null ? "" : body);
        return reporter(unit.find() ? unit.group(1).strip() : "10813");
    }

    /** POSTs {@code report} to /reports and returns the id of the report in the answer. */
    protected String submitted(String report) {
        return parse(post("/reports", report).body()).get("reportId").asString();
    }

    /** A GET with the token of the ministry's VIEWER, who reads every unit. */
    protected HttpResponse<String> get(String path) {
        return get(path, viewer("BGDDT"));
    }

    /** A GET with {@code authorization} as its {@code Authorization} header ({@code null}: none). */
    protected HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization == null) {
            return sendAsIs(request.build());
        }
        return send(request.header("Authorization", authorization).build());
    }

    /** Sends {@code request}, with the token of whoever would send it when it carries no {@code Authorization}. */
    protected HttpResponse<String> send(HttpRequest request) {
        if (request.headers().firstValue("Authorization").isPresent()) {
            return sendAsIs(request);
        }
        return sendAsIs(HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", tokenFor(request.method(), request.uri().getPath(), null)).build());
    }

    /** Sends {@code request} as it is, with or without a token. */
    protected HttpResponse<String> sendAsIs(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected JsonNode parse(String body) {
        return json.readTree(body);
    }

    protected List<JsonNode> parseList(String body) {
        return List.copyOf(json.readTree(body).values());
    }

    /** The events still pending in the outbox of document {@code id} of {@code collection}. */
    protected List<OutboxEvent> pending(String collection, String id) {
        return OutboxDocuments.pending(mongo, collection, id);
    }

    /** Until when document {@code id} of {@code collection} is leased to a publisher, or {@code null}. */
    protected Instant leasedUntil(String collection, String id) {
        return OutboxDocuments.leasedUntil(mongo, collection, id);
    }
}
