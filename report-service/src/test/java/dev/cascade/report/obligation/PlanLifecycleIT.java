package dev.cascade.report.obligation;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import dev.cascade.report.submission.ReportStore;
import dev.cascade.report.unit.Units;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.cascade.contracts.events.ObligationStatus.CLOSED;
import static dev.cascade.contracts.events.ObligationStatus.FULFILLED_LATE;
import static dev.cascade.contracts.events.ObligationStatus.FULFILLED_ON_TIME;
import static dev.cascade.contracts.events.ObligationStatus.OPEN;
import static dev.cascade.contracts.events.ObligationStatus.OVERDUE;
import static dev.cascade.report.TopicRecorder.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * A plan through its life, through the real broker and store: amended (a deadline moved, a unit added, one removed),
 * revoked, and a report withdrawn and sent again. Each checks the obligations' exact state and the events on
 * {@code cascade.obligations.v1}; the real JSON of each new event type is written to {@code target/real-events/}.
 */
class PlanLifecycleIT extends ReportServiceTestSupport {

    @Autowired
    Units units;

    @Test
    void anAmendmentOpensForTheUnitAddedClosesForTheUnitRemovedAndMovesTheDeadlineOnce() {
        String programme = "AMEND";
        at(START);
        PlanIssued issued = TestData.plan(programme, COMMUNES, TestData.annual(2024));
        issueAndAwaitOpen(issued, "2024");
        publishUnit(TestData.commune("10819", "Xã Thanh Sơn", "294"));
        await().atMost(Duration.ofSeconds(30)).until(() -> units.exists("10819"));
        assertThat(post("/reports", TestData.report("10813", programme, "2024", 120, 200, 35)).statusCode())
                .isEqualTo(201);
        at("2024-12-06T08:00:00+07:00");
        outcomes.markOverdue();
        assertThat(statusOf(programme, "2024", "10816")).isEqualTo(OVERDUE);
        assertThat(statusOf(programme, "2024", "10507")).isEqualTo(OVERDUE);

        // version 2: communes' deadline 5 → 12 December, 10816 removed, 10819 added
        PlanIssued amended = amendment(issued, List.of("10813", "10507", "10819"), 2);
        amend(amended);

        await().atMost(Duration.ofSeconds(30)).until(() -> obligations.find(Obligation.idOf(programme, "2024",
                "10819")).isPresent() && statusOf(programme, "2024", "10816") == CLOSED
                && statusOf(programme, "2024", "10507") == OPEN);
        Obligation removed = obligation(programme, "2024", "10816");
        assertThat(removed.closedReason()).isEqualTo(ClosureReason.NO_LONGER_REQUIRED);
        assertThat(removed.closedAt()).isEqualTo(Instant.parse("2024-12-06T01:00:00Z"));
        assertThat(removed.version()).isEqualTo(3);
        Obligation moved = obligation(programme, "2024", "10507");
        assertThat(moved.deadline()).isEqualTo(LocalDate.of(2024, 12, 12));
        assertThat(moved.dueAt()).isEqualTo(Instant.parse("2024-12-12T17:00:00Z"));
        assertThat(moved.overdueSince()).as("owed again before its new deadline").isNull();
        assertThat(moved.version()).isEqualTo(3);
        Obligation added = obligation(programme, "2024", "10819");
        assertThat(added.status()).isEqualTo(OPEN);
        assertThat(added.deadline()).isEqualTo(LocalDate.of(2024, 12, 12));
        assertThat(added.parentCode()).isEqualTo("294");
        assertThat(added.version()).isEqualTo(1);
        Obligation fulfilled = obligation(programme, "2024", "10813");
        assertThat(fulfilled.status()).as("a fulfilled obligation stays as it is").isEqualTo(FULFILLED_ON_TIME);
        assertThat(fulfilled.deadline()).isEqualTo(LocalDate.of(2024, 12, 5));
        assertThat(fulfilled.version()).isEqualTo(2);

        JsonNode closed = onlyEvent(EventTypes.OBLIGATION_CLOSED, programme, "10816");
        assertText(closed, Map.of("reason", "NO_LONGER_REQUIRED", "previousStatus", "OVERDUE", "planId", "KH-AMEND",
                "parentCode", "294"));
        assertThat(closed.get("version").asLong()).isEqualTo(3);
        JsonNode rescheduled = onlyEvent(EventTypes.OBLIGATION_RESCHEDULED, programme, "10507");
        assertText(rescheduled, Map.of("previousDeadline", "2024-12-05", "deadline", "2024-12-12",
                "dueAt", "2024-12-12T17:00:00Z", "status", "OPEN"));
        assertThat(rescheduled.get("version").asLong()).isEqualTo(3);
        List<ConsumerRecord<String, String>> opened = awaitRecords(EventTypes.OBLIGATION_OPENED, programme, 4);
        assertThat(opened).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("10813", "10816", "10507", "10819");
        assertThat(opened.stream().filter(r -> "10819".equals(r.key())).findFirst().orElseThrow().value())
                .contains("\"deadline\":\"2024-12-12\"", "\"version\":1");

        // the removed unit's report is refused: nothing stored, nothing published
        int reportsPublished = recorder().records(ofType(EventTypes.REPORT_SUBMITTED).and(about(programme))).size();
        HttpResponse<String> refused = post("/reports", TestData.report("10816", programme, "2024", 90, 150, 20));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(parse(refused.body()).at("/errors/0/field").asString()).isEqualTo("unitCode");
        assertThat(parse(refused.body()).at("/errors/0/message").asString())
                .contains("no longer required under the amended plan KH-AMEND");
        assertThat(mongo.exists(query(where("programme").is(programme).and("unitCode").is("10816")),
                ReportStore.COLLECTION)).isFalse();
        // and the unit added reports
        assertThat(post("/reports", TestData.report("10819", programme, "2024", 10, 20, 3)).statusCode())
                .isEqualTo(201);

        // the amendment again, and the issue again (stale): nothing changes
        Map<String, Long> versions = versionsOf(programme);
        amend(amended);
        issue(issued);
        issueAndAwaitOpen(TestData.plan("BARRIER-AMEND", List.of("10813"), TestData.annual(2024)), "2024");
        assertThat(versionsOf(programme)).isEqualTo(versions);
        assertThat(recorder().records(ofType(EventTypes.OBLIGATION_CLOSED).and(about(programme)))).hasSize(1);
        assertThat(recorder().records(ofType(EventTypes.OBLIGATION_RESCHEDULED).and(about(programme)))).hasSize(1);
        assertThat(recorder().records(ofType(EventTypes.OBLIGATION_OPENED).and(about(programme)))).hasSize(4);
        assertThat(recorder().records(ofType(EventTypes.REPORT_SUBMITTED).and(about(programme))))
                .hasSize(reportsPublished + 1);
        at(START);
    }

    @Test
    void aRevocationClosesWhatIsOwedKeepsWhatIsFulfilledAndRefusesNewReports() {
        String programme = "REVOKE";
        open(programme);
        assertThat(post("/reports", TestData.report("10813", programme, "2024", 120, 200, 35)).statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(programme, "2024", "10813") == FULFILLED_ON_TIME);

        PlanRevoked revoked = new PlanRevoked("KH-" + programme, "30", LocalDate.of(2024, 12, 4), "15/QĐ-UBND",
                "Thay thế bằng kế hoạch khác", 2);
        publish(Topics.PLANS, revoked.planId(), EventTypes.PLAN_REVOKED, json.writeValueAsBytes(revoked));

        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(programme, "2024", "10816") == CLOSED
                && statusOf(programme, "2024", "10507") == CLOSED);
        for (String unit : List.of("10816", "10507")) {
            Obligation closed = obligation(programme, "2024", unit);
            assertThat(closed.closedReason()).isEqualTo(ClosureReason.PLAN_REVOKED);
            assertThat(closed.closedAt()).isEqualTo(Instant.parse("2024-12-04T02:00:00Z"));
            assertThat(closed.version()).isEqualTo(2);
        }
        assertThat(obligation(programme, "2024", "10813")).extracting(Obligation::status, Obligation::version)
                .containsExactly(FULFILLED_ON_TIME, 2L);
        List<ConsumerRecord<String, String>> closed = awaitRecords(EventTypes.OBLIGATION_CLOSED, programme, 2);
        assertThat(closed).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("10816", "10507");
        assertThat(closed).allSatisfy(r -> {
            assertThat(parse(r.value()).get("reason").asString()).isEqualTo("PLAN_REVOKED");
            assertThat(parse(r.value()).get("previousStatus").asString()).isEqualTo("OPEN");
        });

        HttpResponse<String> refused = post("/reports", TestData.report("10816", programme, "2024", 90, 150, 20));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(parse(refused.body()).at("/errors/0/field").asString()).isEqualTo("programme");
        assertThat(mongo.exists(query(where("programme").is(programme).and("unitCode").is("10816")),
                ReportStore.COLLECTION)).isFalse();

        // the revocation again: nothing more
        publish(Topics.PLANS, revoked.planId(), EventTypes.PLAN_REVOKED, json.writeValueAsBytes(revoked));
        issueAndAwaitOpen(TestData.plan("BARRIER-REVOKE", List.of("10813"), TestData.annual(2024)), "2024");
        assertThat(recorder().records(ofType(EventTypes.OBLIGATION_CLOSED).and(about(programme)))).hasSize(2);
        assertThat(obligation(programme, "2024", "10816").version()).isEqualTo(2);
    }

    @Test
    void aWithdrawalReopensTheObligationWhichFallsOverdueAndANewReportFulfilsItAgain() {
        String programme = "REOPEN";
        open(programme);
        String reportId = submitted(TestData.report("10813", programme, "2024", 120, 200, 35));
        assertThat(statusOf(programme, "2024", "10813")).isEqualTo(FULFILLED_ON_TIME);

        HttpResponse<String> withdrawn = post("/reports/" + reportId + "/withdrawal", "{\"reason\":\"Nộp nhầm\"}");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);

        Obligation reopened = obligation(programme, "2024", "10813");
        assertThat(reopened).extracting(Obligation::status, Obligation::reportId, Obligation::fulfilledAt,
                Obligation::version, Obligation::lastWithdrawal).containsExactly(OPEN, null, null, 3L, 2);
        JsonNode event = onlyEvent(EventTypes.OBLIGATION_REOPENED, programme, "10813");
        assertText(event, Map.of("withdrawnReportId", reportId, "status", "OPEN", "deadline", "2024-12-05",
                "reopenedAt", "2024-12-04T02:00:00Z"));
        assertThat(event.get("version").asLong()).isEqualTo(3);
        // the outbox sweeper applying the withdrawal again reopens nothing twice
        outbox.publishPending();
        assertThat(obligation(programme, "2024", "10813").version()).isEqualTo(3);

        // owed again, so the overdue job no longer leaves it to a report
        at("2024-12-06T08:00:00+07:00");
        outcomes.markOverdue();
        assertThat(obligation(programme, "2024", "10813")).extracting(Obligation::status, Obligation::version)
                .containsExactly(OVERDUE, 4L);

        HttpResponse<String> again = post("/reports", TestData.report("10813", programme, "2024", 125, 200, 36));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(parse(again.body()).get("version").asInt()).isEqualTo(3);
        assertThat(obligation(programme, "2024", "10813")).extracting(Obligation::status, Obligation::reportId,
                Obligation::version).containsExactly(FULFILLED_LATE, reportId, 5L);
        List<ConsumerRecord<String, String>> fulfilments = awaitRecords(EventTypes.OBLIGATION_FULFILLED, programme, 2);
        assertThat(fulfilments).extracting(r -> parse(r.value()).get("version").asLong()).containsExactly(2L, 5L);
        assertThat(parse(fulfilments.get(1).value()).get("status").asString()).isEqualTo("FULFILLED_LATE");
        assertThat(recorder().records(ofType(EventTypes.OBLIGATION_OVERDUE).and(about(programme)))
                .stream().filter(r -> "10813".equals(r.key()))).hasSize(1);

        // withdrawn once more, after the deadline: owed again, overdue at once
        assertThat(post("/reports/" + reportId + "/withdrawal", "{}").statusCode()).isEqualTo(200);
        assertThat(obligation(programme, "2024", "10813")).extracting(Obligation::status, Obligation::version,
                Obligation::lastWithdrawal).containsExactly(OVERDUE, 6L, 4);
        assertThat(awaitRecords(EventTypes.OBLIGATION_REOPENED, programme, 2).get(1).value())
                .contains("\"status\":\"OVERDUE\"", "\"version\":6");
        at(START);
    }

    /** The plan as amended: communes' deadline on 12 December, {@code units} reporting, version {@code version}. */
    private static PlanIssued amendment(PlanIssued plan, List<String> units, long version) {
        ReportingPeriod period = plan.programme().periods().get(0);
        ReportingPeriod moved = new ReportingPeriod(period.id(), period.cutOffStart(), period.cutOffEnd(),
                Map.of(UnitLevel.COMMUNE, LocalDate.of(2024, 12, 12), UnitLevel.DISTRICT, LocalDate.of(2024, 12, 13),
                        UnitLevel.PROVINCE, LocalDate.of(2024, 12, 16), UnitLevel.MINISTRY, LocalDate.of(2024, 12, 25)));
        ReportingProgramme p = plan.programme();
        return new PlanIssued(plan.planId(), plan.number(), plan.title(), plan.issuerUnitCode(), plan.issueDate(),
                plan.basis(), plan.horizonStart(), plan.horizonEnd(), plan.targets(), plan.tasks(),
                new ReportingProgramme(p.code(), p.title(), p.frequency(), p.dataForm(), p.outline(), List.of(moved)),
                units, version, plan.successions());
    }

    private void amend(PlanIssued amended) {
        publish(Topics.PLANS, amended.planId(), EventTypes.PLAN_AMENDED, json.writeValueAsBytes(amended));
    }

    private Map<String, Long> versionsOf(String programme) {
        return Map.of("10813", obligation(programme, "2024", "10813").version(),
                "10816", obligation(programme, "2024", "10816").version(),
                "10507", obligation(programme, "2024", "10507").version(),
                "10819", obligation(programme, "2024", "10819").version());
    }

    /**
     * The only event of {@code type} about {@code programme}, keyed by {@code unit}, as JSON; its real JSON is written
     * for the golden's owner to compare.
     */
    private JsonNode onlyEvent(String type, String programme, String unit) {
        ConsumerRecord<String, String> record = awaitRecords(type, programme, 1).get(0);
        assertThat(record.key()).isEqualTo(unit);
        writeReal(type, record);
        return parse(record.value());
    }

    /** Each of the event's {@code fields} (name → value) as text. */
    private static void assertText(JsonNode event, Map<String, String> fields) {
        fields.forEach((name, value) -> assertThat(event.get(name).asString()).as(name).isEqualTo(value));
    }

    /** The real JSON of one event of a new type, for the golden's owner to compare. */
    private static void writeReal(String type, ConsumerRecord<String, String> record) {
        try {
            Path file = Path.of("target", "real-events", type + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, record.value(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
