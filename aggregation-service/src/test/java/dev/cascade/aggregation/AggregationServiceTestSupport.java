package dev.cascade.aggregation;

import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.aggregation.rollup.engine.RollUpEngine;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.EmbeddedStore;
import dev.cascade.platform.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.json.AbstractJsonContentAssert;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The set-up of the service's integration tests on one application context each (the flow tests through
 * {@link FlowTestSupport}, {@link UnexpectedFailuresIT}): the service on a real Kafka broker (embedded, KRaft) and
 * the embedded MongoDB-wire server, with MockMvc; one instance per class, whose steps run in order; a
 * {@link KafkaTopicProbe} on the topics the test watches. The broker has every topic the service reads or writes and
 * the dead-letter topics; each test declares its database and retry settings ({@code @TestPropertySource}) and, if it
 * needs one, its clock. The query API is read with real tokens of the test issuer: {@link #MINISTRY} (the ministry's
 * analyst, who reads every unit) where a test reads across the country.
 */
@SpringBootTest(properties = {
        "spring.config.name=aggregation-service",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "cascade.aggregation.retry.initial-interval-ms=100"})
@EmbeddedKafka(partitions = 1, topics = {"cascade.units.v1", "cascade.plans.v1", "cascade.reports.v1",
        "cascade.rollup.v1", "cascade.aggregates.v1", "cascade.units.v1.dlq", "cascade.plans.v1.dlq",
        "cascade.reports.v1.dlq", "cascade.rollup.v1.dlq"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EmbeddedStore
abstract class AggregationServiceTestSupport {

    static final String RATE = "GDNN_INTAKE_RATE";
    static final String ENROLMENT = "GDNN_NEW_ENROLMENT";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** {@code Authorization} of the ministry's analyst (VIEWER of BGDDT). */
    static final String MINISTRY = TestIssuer.shared().bearer("viewer-BGDDT", "BGDDT", Role.VIEWER);

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JsonMapper json;
    @Autowired
    MockMvcTester mvc;
    @Autowired
    RollUpEngine engine;
    @Autowired
    MongoTemplate mongo;

    KafkaTopicProbe kafka;

    /** The topics whose records the test reads with {@link #kafka}. */
    abstract List<String> watchedTopics();

    @BeforeAll
    void connect() {
        kafka = new KafkaTopicProbe(broker.getBrokersAsString(), watchedTopics());
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    /** Publishes a unit as plan-service does (key: its code). */
    void sendUnit(UnitUpserted unit) {
        kafka.send(Topics.UNITS, unit.code(), EventTypes.UNIT_UPSERTED, json.writeValueAsBytes(unit));
    }

    /** Publishes a submitted report as report-service does (key: the unit above the reporter). */
    void sendReport(ReportSubmitted report) {
        kafka.send(Topics.REPORTS, report.parentCode(), EventTypes.REPORT_SUBMITTED, json.writeValueAsBytes(report));
    }

    /** The stored roll-up of {@code unit} for the period, once it counts {@code received} reports. */
    RollUpDocument awaitRollUp(String programme, String period, String unit, int received) {
        return await().atMost(PATIENCE).until(
                () -> engine.find(new AggregateKey(programme, period, unit)).orElse(null),
                d -> d != null && d.completeness().received() == received);
    }

    /** The query API's answer to a GET of {@code uri} (its variables filled in) with {@code authorization}: 200, JSON. */
    AbstractJsonContentAssert<?> readOk(String authorization, String uri, Object... variables) {
        return assertThat(mvc.get().uri(uri, variables).header("Authorization", authorization)).hasStatusOk()
                .bodyJson();
    }

    /**
     * The ministry's read of the reporters beneath {@code unit} for the period: how many are expected, how many have
     * reported, and the codes of those that have not, in order.
     */
    AbstractJsonContentAssert<?> readMissing(String programme, String period, String unit, int expected, int received,
                                            String... missing) {
        var answer = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}/missing", programme, period, unit);
        answer.extractingPath("$.expected").asNumber().isEqualTo(expected);
        answer.extractingPath("$.received").asNumber().isEqualTo(received);
        answer.extractingPath("$.missing[*].unitCode").asArray().containsExactly((Object[]) missing);
        return answer;
    }

    /** Where an aggregate sits: its level and the unit above it. */
    static void assertPlace(AbstractJsonContentAssert<?> aggregate, String level, String parentCode) {
        aggregate.extractingPath("$.level").isEqualTo(level);
        aggregate.extractingPath("$.parentCode").isEqualTo(parentCode);
    }

    /** An aggregate read with {@code restate=true} that was restated from its predecessors, approximate or not. */
    static void assertRestated(AbstractJsonContentAssert<?> aggregate, boolean approximate) {
        aggregate.extractingPath("$.restated").isEqualTo(true);
        aggregate.extractingPath("$.approximate").isEqualTo(approximate);
    }

    /** How many reports an aggregate expects from the reporters beneath it, and how many it has received. */
    static void assertCompleteness(AbstractJsonContentAssert<?> aggregate, int expected, int received) {
        aggregate.extractingPath("$.completeness.expected").asNumber().isEqualTo(expected);
        aggregate.extractingPath("$.completeness.received").asNumber().isEqualTo(received);
    }
}
