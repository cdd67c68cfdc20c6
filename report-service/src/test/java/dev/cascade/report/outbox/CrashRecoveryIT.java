package dev.cascade.report.outbox;

import dev.cascade.contracts.EmbeddedMongo;
import dev.cascade.contracts.EventTypes;
import dev.cascade.crash.CrashingReportService;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import dev.cascade.report.submission.Report;
import dev.cascade.report.submission.ReportStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static dev.cascade.report.TopicRecorder.header;
import static dev.cascade.report.TopicRecorder.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The process is killed between the report's write and its publication (a child JVM running the real service halts
 * itself inside the send); this JVM's service, on the same MongoDB and broker, plays the restarted instance: its
 * sweeper publishes the report once the dead process's lease has run out. On the real broker the report is there
 * exactly once (by {@code ce_id}), and the roll-up of the parent district, computed from what is on the topic the
 * way aggregation-service does (latest {@code reportVersion} per report, ratio of sums), is exact.
 */
class CrashRecoveryIT extends ReportServiceTestSupport {

    @ParameterizedTest(name = "killed {0}")
    @ValueSource(strings = {"before-send", "after-send"})
    void aReportWrittenByAKilledProcessIsPublishedOnceAfterRestartAndTheRollUpIsExact(String mode) throws Exception {
        String programme = "KILLED-" + mode.toUpperCase();
        at(START);
        issueAndAwaitOpen(TestData.plan(programme, List.of("10813", "10816"), TestData.annual(2024)), "2024");
        assertThat(post("/reports", TestData.report("10816", programme, "2024", 90, 150, 20)).statusCode())
                .isEqualTo(201);

        Process child = startKilledService(mode, TestData.report("10813", programme, "2024", 120, 200, 35));
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("the child process ended").isTrue();
        assertThat(child.exitValue()).as("halted inside the send (see target/crash-%s.log)", mode)
                .isEqualTo(CrashingReportService.HALT_STATUS);

        Report written = mongo.findOne(query(where("programme").is(programme).and("unitCode").is("10813")),
                Report.class, ReportStore.COLLECTION);
        assertThat(written).as("the report was written before the process died").isNotNull();
        assertThat(pending(ReportStore.COLLECTION, written.id())).extracting(OutboxEvent::type)
                .containsExactly(EventTypes.REPORT_SUBMITTED, EventTypes.OBLIGATION_FULFILLED);
        assertThat(leasedUntil(ReportStore.COLLECTION, written.id())).as("the dead process still holds its lease").isNotNull();
        Predicate<ConsumerRecord<String, String>> submitted = ofType(EventTypes.REPORT_SUBMITTED)
                .and(r -> r.value().contains("\"reportId\":\"" + written.id() + "\""));
        int sentBeforeDeath = mode.equals("after-send") ? 1 : 0;
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder().records(submitted).size() == sentBeforeDeath);
        assertThat(outbox.publish(ReportStore.COLLECTION, written.id())).as("leased by the dead process").isZero();

        at("2024-12-04T09:05:00+07:00"); // the restarted service's sweeper runs once the lease has run out
        assertThat(outbox.publishPending()).isGreaterThanOrEqualTo(2);
        assertThat(outbox.publishPending()).isZero();

        String ceId = OutboxEvents.eventId(EventTypes.REPORT_SUBMITTED, written.id(), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder().records(submitted).size() == 1 + sentBeforeDeath);
        List<ConsumerRecord<String, String>> records = recorder().records(submitted);
        assertThat(records).extracting(r -> header(r, "ce_id")).containsOnly(ceId);
        assertThat(records.stream().map(r -> header(r, "ce_id")).distinct()).as("exactly once by ce_id").hasSize(1);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("294");
        assertThat(pending(ReportStore.COLLECTION, written.id())).isEmpty();
        assertThat(statusOf(programme, "2024", "10813").name()).isEqualTo("FULFILLED_ON_TIME");
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder().records(ofType(EventTypes.OBLIGATION_FULFILLED)
                .and(r -> r.key().equals("10813") && r.value().contains(programme))).size() == 1);

        List<JsonNode> onTopic = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            onTopic.clear();
            recorder().records(ofType(EventTypes.REPORT_SUBMITTED).or(ofType(EventTypes.REPORT_REVISED))
                    .and(r -> r.value().contains("\"programme\":\"" + programme + "\"") && r.key().equals("294")))
                    .forEach(r -> onTopic.add(parse(r.value())));
            return onTopic.size() == 2 + sentBeforeDeath;
        });
        RollUp district = RollUp.of(latestPerReport(onTopic));
        assertThat(district.numerator()).isEqualByComparingTo("210");
        assertThat(district.denominator()).isEqualByComparingTo("350");
        assertThat(district.percent()).isEqualTo(new BigDecimal("60.00"));
        assertThat(district.enrolment()).isEqualByComparingTo("55");
        assertThat(district.reports()).isEqualTo(2);
    }

    /** What aggregation-service keeps: the highest reportVersion of each report, so a duplicate counts once. */
    private static Collection<JsonNode> latestPerReport(List<JsonNode> events) {
        Map<String, JsonNode> latest = new TreeMap<>();
        events.forEach(e -> latest.merge(e.get("reportId").asString(), e,
                (a, b) -> a.get("reportVersion").asInt() >= b.get("reportVersion").asInt() ? a : b));
        return latest.values();
    }

    /** The district's figures: ratio of summed numerators over summed denominators, sum of counts. */
    record RollUp(BigDecimal numerator, BigDecimal denominator, BigDecimal enrolment, int reports) {

        static RollUp of(Collection<JsonNode> reports) {
            BigDecimal numerator = sum(reports, "/values/GDNN_INTAKE_RATE/numerator");
            BigDecimal denominator = sum(reports, "/values/GDNN_INTAKE_RATE/denominator");
            return new RollUp(numerator, denominator, sum(reports, "/values/GDNN_NEW_ENROLMENT/value"), reports.size());
        }

        BigDecimal percent() {
            return numerator.multiply(BigDecimal.valueOf(100)).divide(denominator, 2, RoundingMode.HALF_EVEN);
        }

        private static BigDecimal sum(Collection<JsonNode> reports, String pointer) {
            return reports.stream().map(r -> r.at(pointer).decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** The real service in a child JVM on this test's MongoDB and broker, which halts inside its first send. */
    private Process startKilledService(String mode, String reportBody) throws Exception {
        Path body = Files.createTempFile("crash-report", ".json");
        Files.writeString(body, reportBody);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                CrashingReportService.class.getName(), mode, body.toString(),
                "--server.port=0",
                "--spring.mongodb.uri=" + EmbeddedMongo.uri(),
                "--spring.mongodb.database=report-service-test",
                "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                "--spring.cloud.stream.bindings.units-in-0.consumer.auto-startup=false",
                "--spring.cloud.stream.bindings.plans-in-0.consumer.auto-startup=false",
                "--spring.cloud.stream.bindings.units-in-0.group=report-service-killed-child",
                "--spring.cloud.stream.bindings.plans-in-0.group=report-service-killed-child",
                "--cascade.clock=" + START,
                "--cascade.security.issuer-uri=" + dev.cascade.platform.test.TestIssuer.shared().issuer(),
                "--crash.authorization=" + reporter("10813"),
                "--cascade.outbox.sweep-interval=1h",
                "--cascade.obligations.open-interval=1h",
                "--cascade.obligations.overdue-interval=1h",
                "--logging.level.root=WARN"));
        File log = new File("target/crash-" + mode + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
