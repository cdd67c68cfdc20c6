package dev.cascade.report.submission;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.cascade.report.TopicRecorder.header;
import static dev.cascade.report.TopicRecorder.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SubmissionIT extends ReportServiceTestSupport {

    @Test
    void aReportForARevokedPlanIsRefusedWith409NamingTheProgrammeAndNothingIsStored() {
        open("REVOKED");
        String before = TestData.report("10813", "REVOKED", "2024", 120, 200, 35);
        HttpResponse<String> first = post("/reports", before, "Idempotency-Key", "k-before");
        assertThat(first.statusCode()).isEqualTo(201);

        publish(dev.cascade.contracts.Topics.PLANS, "KH-REVOKED", dev.cascade.contracts.EventTypes.PLAN_REVOKED,
                json.writeValueAsBytes(new dev.cascade.contracts.events.PlanRevoked("KH-REVOKED", "30",
                        java.time.LocalDate.of(2024, 12, 1), "99/QĐ-UBND", "thay bằng kế hoạch mới", 3)));
        await().atMost(Duration.ofSeconds(30)).until(() -> post("/reports",
                TestData.report("10816", "REVOKED", "2024", 10, 20, 3)).statusCode() == 409);

        HttpResponse<String> refused = post("/reports", TestData.report("10507", "REVOKED", "2024", 1, 2, 3));
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode problem = parse(refused.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("programme");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("revoked on 2024-12-01");
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("programme").is("REVOKED")), "reports"))
                .as("only the report from before the revocation").isEqualTo(1);

        // the request accepted before the revocation, sent again with its key, is answered as it was
        HttpResponse<String> replayed = post("/reports", before, "Idempotency-Key", "k-before");
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(parse(replayed.body())).isEqualTo(parse(first.body()));
        // its key with another body is refused as a reused key, not as a report for a revoked plan
        HttpResponse<String> reused = post("/reports", TestData.report("10813", "REVOKED", "2024", 121, 200, 35),
                "Idempotency-Key", "k-before");
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(parse(reused.body()).at("/errors/0/field").asString()).isEqualTo("Idempotency-Key");
        // a new key is refused by the revocation
        assertThat(post("/reports", before, "Idempotency-Key", "k-after").statusCode()).isEqualTo(409);
        assertThat(mongo.findById("10813|k-after", org.bson.Document.class, "idempotency_keys"))
                .as("a refused request claims no key").isNull();
    }

    @Test
    void onTimeReportIsAcceptedPublishedToTheParentAndFulfilsTheObligation() {
        open("ONTIME");
        HttpResponse<String> response = post("/reports", TestData.report("10813", "ONTIME", "2024", 120, 200, 35));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode accepted = parse(response.body());
        String reportId = accepted.get("reportId").asString();
        assertThat(accepted.get("version").asInt()).isEqualTo(1);
        assertThat(accepted.get("late").asBoolean()).isFalse();
        assertThat(response.headers().firstValue("Location")).contains("/reports/" + reportId);

        JsonNode report = parse(get("/reports/" + reportId).body());
        assertThat(report.get("unitCode").asString()).isEqualTo("10813");
        assertThat(report.get("parentCode").asString()).isEqualTo("294");
        assertThat(report.get("version").asInt()).isEqualTo(1);
        assertThat(report.get("late").asBoolean()).isFalse();
        assertThat(report.at("/values/GDNN_INTAKE_RATE/numerator").asInt()).isEqualTo(120);
        assertThat(report.at("/values/GDNN_INTAKE_RATE/denominator").asInt()).isEqualTo(200);
        assertThat(report.at("/values/GDNN_NEW_ENROLMENT/value").asInt()).isEqualTo(35);
        assertThat(report.at("/tasks/0/status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(report.at("/narrative/results").asString()).isEqualTo("Kết quả");
        assertThat(report.get("versions")).hasSize(1);

        assertThat(statusOf("ONTIME", "2024", "10813")).isEqualTo(ObligationStatus.FULFILLED_ON_TIME);
        assertThat(obligation("ONTIME", "2024", "10813").reportId()).isEqualTo(reportId);
        assertThat(obligation("ONTIME", "2024", "10813").version()).isEqualTo(2);

        ConsumerRecord<String, String> submitted = awaitRecords(EventTypes.REPORT_SUBMITTED, "ONTIME", 1).get(0);
        assertThat(submitted.key()).as("keyed by the parent unit").isEqualTo("294");
        assertThat(header(submitted, "ce_subject")).isEqualTo(reportId);
        JsonNode payload = parse(submitted.value());
        assertThat(payload.get("reportId").asString()).isEqualTo(reportId);
        assertThat(payload.get("reportVersion").asInt()).isEqualTo(1);
        assertThat(payload.get("planId").asString()).isEqualTo("KH-ONTIME");
        assertThat(payload.get("parentCode").asString()).isEqualTo("294");
        assertThat(payload.get("late").asBoolean()).isFalse();
        assertThat(payload.get("submittedAt").asString()).isEqualTo("2024-12-04T02:00:00Z");
        assertThat(payload.at("/values/GDNN_INTAKE_RATE/numerator").asInt()).isEqualTo(120);

        ConsumerRecord<String, String> fulfilled = awaitRecords(EventTypes.OBLIGATION_FULFILLED, "ONTIME", 1).get(0);
        assertThat(fulfilled.key()).isEqualTo("10813");
        JsonNode fulfilment = parse(fulfilled.value());
        assertThat(fulfilment.get("status").asString()).isEqualTo("FULFILLED_ON_TIME");
        assertThat(fulfilment.get("version").asInt()).isEqualTo(2);
        assertThat(fulfilment.get("reportId").asString()).isEqualTo(reportId);
    }

    @Test
    void aReportIsOnTimeUntilTheDeadlineDayEndsInHanoiAndLateFromThen() {
        open("BOUNDARY");
        at("2024-12-05T23:59:59.999+07:00");
        HttpResponse<String> lastMoment = post("/reports", TestData.report("10813", "BOUNDARY", "2024", 1, 2, 3));
        at("2024-12-06T00:00:00+07:00");
        HttpResponse<String> firstLateMoment = post("/reports", TestData.report("10816", "BOUNDARY", "2024", 1, 2, 3));

        assertThat(parse(lastMoment.body()).get("late").asBoolean()).isFalse();
        assertThat(parse(firstLateMoment.body()).get("late").asBoolean()).isTrue();
        assertThat(statusOf("BOUNDARY", "2024", "10813")).isEqualTo(ObligationStatus.FULFILLED_ON_TIME);
        assertThat(statusOf("BOUNDARY", "2024", "10816")).isEqualTo(ObligationStatus.FULFILLED_LATE);
        assertThat(awaitRecords(EventTypes.OBLIGATION_FULFILLED, "BOUNDARY", 2).stream()
                .filter(r -> r.key().equals("10816")).map(r -> parse(r.value()).get("status").asString()))
                .containsExactly("FULFILLED_LATE");
    }

    @Test
    void anObligationBecomesOverdueWhenTheClockPassesItsDeadlineAndALateReportStillFulfilsIt() {
        open("OVERDUE");
        at("2024-12-05T23:00:00+07:00");
        outcomes.markOverdue();
        assertThat(statusOf("OVERDUE", "2024", "10816")).isEqualTo(ObligationStatus.OPEN);

        at("2024-12-06T08:00:00+07:00");
        assertThat(outcomes.markOverdue()).isGreaterThanOrEqualTo(3);
        assertThat(statusOf("OVERDUE", "2024", "10816")).isEqualTo(ObligationStatus.OVERDUE);
        assertThat(parseList(get("/obligations?unit=10816&status=OVERDUE").body()))
                .anySatisfy(o -> assertThat(o.get("obligationId").asString()).isEqualTo("OVERDUE|2024|10816"));

        HttpResponse<String> response = post("/reports", TestData.report("10816", "OVERDUE", "2024", 90, 150, 20));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(parse(response.body()).get("late").asBoolean()).isTrue();
        assertThat(statusOf("OVERDUE", "2024", "10816")).isEqualTo(ObligationStatus.FULFILLED_LATE);
        assertThat(statusOf("OVERDUE", "2024", "10813")).isEqualTo(ObligationStatus.OVERDUE);
        JsonNode fulfilment = parse(awaitRecords(EventTypes.OBLIGATION_FULFILLED, "OVERDUE", 1).get(0).value());
        assertThat(fulfilment.get("status").asString()).isEqualTo("FULFILLED_LATE");
        // opened (1), overdue (2), fulfilled late (3): every published change is a new version
        assertThat(fulfilment.get("version").asInt()).isEqualTo(3);
        assertThat(obligation("OVERDUE", "2024", "10816").version()).isEqualTo(3);
        List<ConsumerRecord<String, String>> overdue = awaitRecords(EventTypes.OBLIGATION_OVERDUE, "OVERDUE", 3);
        assertThat(overdue).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("10813", "10816", "10507");
        JsonNode overdue10816 = parse(overdue.stream().filter(r -> r.key().equals("10816")).findFirst().orElseThrow()
                .value());
        assertThat(overdue10816.get("obligationId").asString()).isEqualTo("OVERDUE|2024|10816");
        assertThat(overdue10816.get("version").asInt()).isEqualTo(2);
        assertThat(overdue10816.get("dueAt").asString()).isEqualTo("2024-12-05T17:00:00Z");
        assertThat(overdue10816.get("overdueSince").asString()).isEqualTo("2024-12-06T01:00:00Z");
        assertThat(overdue10816.get("parentCode").asString()).isEqualTo("294");
        assertThat(outcomes.markOverdue()).as("a fulfilled obligation is never overdue again").isZero();
        assertThat(recorder().records(ofType(EventTypes.OBLIGATION_OVERDUE).and(about("OVERDUE")))).hasSize(3);
    }

    @Test
    void anObligationIsOverdueFromTheFirstInstantAfterItsDeadlineDayInHanoi() {
        open("DUE-EDGE");
        at("2024-12-05T23:59:59.999+07:00");
        outcomes.markOverdue();
        assertThat(statusOf("DUE-EDGE", "2024", "10507")).isEqualTo(ObligationStatus.OPEN);

        at("2024-12-06T00:00:00+07:00");
        outcomes.markOverdue();

        assertThat(statusOf("DUE-EDGE", "2024", "10507")).isEqualTo(ObligationStatus.OVERDUE);
        assertThat(obligation("DUE-EDGE", "2024", "10507").overdueSince()).isEqualTo("2024-12-05T17:00:00Z");
        assertThat(obligation("DUE-EDGE", "2024", "10507").version()).isEqualTo(2);
        JsonNode overdue = parse(awaitRecords(EventTypes.OBLIGATION_OVERDUE, "DUE-EDGE", 3).stream()
                .filter(r -> r.key().equals("10507")).findFirst().orElseThrow().value());
        assertThat(overdue.get("overdueSince").asString()).isEqualTo("2024-12-05T17:00:00Z");
    }

    @Test
    void aSecondSubmissionIsTheNextVersionOfTheSameReportAndKeepsTheFirstOnesTimeliness() {
        open("REVISED");
        String reportId = submitted(TestData.report("10507", "REVISED", "2024", 50, 100, 10));
        at("2024-12-09T10:30:00+07:00");

        HttpResponse<String> revision = post("/reports", TestData.report("10507", "REVISED", "2024", 55, 100, 12));

        assertThat(revision.statusCode()).isEqualTo(201);
        JsonNode accepted = parse(revision.body());
        assertThat(accepted.get("reportId").asString()).isEqualTo(reportId);
        assertThat(accepted.get("version").asInt()).isEqualTo(2);
        assertThat(accepted.get("late").asBoolean()).isFalse();
        JsonNode report = parse(get("/reports/" + reportId).body());
        assertThat(report.get("version").asInt()).isEqualTo(2);
        assertThat(report.at("/values/GDNN_INTAKE_RATE/numerator").asInt()).isEqualTo(55);
        assertThat(report.get("versions")).hasSize(2);
        assertThat(report.at("/versions/0/values/GDNN_INTAKE_RATE/numerator").asInt()).isEqualTo(50);
        assertThat(report.at("/versions/1/submittedAt").asString()).isEqualTo("2024-12-09T03:30:00Z");

        ConsumerRecord<String, String> revised = awaitRecords(EventTypes.REPORT_REVISED, "REVISED", 1).get(0);
        assertThat(revised.key()).isEqualTo("288");
        assertThat(parse(revised.value()).get("reportVersion").asInt()).isEqualTo(2);
        assertThat(parse(revised.value()).get("late").asBoolean()).isFalse();
        assertThat(header(revised, "ce_id")).isNotEqualTo(
                header(awaitRecords(EventTypes.REPORT_SUBMITTED, "REVISED", 1).get(0), "ce_id"));
        assertThat(recorder().records(ofType(EventTypes.OBLIGATION_FULFILLED).and(about("REVISED")))).hasSize(1);
        assertThat(obligation("REVISED", "2024", "10507").version()).isEqualTo(2);
    }

    @Test
    void obligationsCanBeListedForAUnitOrForEverythingBeneathAUnit() {
        open("LISTED");
        post("/reports", TestData.report("10813", "LISTED", "2024", 1, 2, 3));

        List<JsonNode> open = parseList(get("/obligations?unit=10816&status=OPEN").body());
        assertThat(open).anySatisfy(o -> {
            assertThat(o.get("obligationId").asString()).isEqualTo("LISTED|2024|10816");
            assertThat(o.get("deadline").asString()).isEqualTo("2024-12-05");
            assertThat(o.get("dueAt").asString()).isEqualTo("2024-12-05T17:00:00Z");
            assertThat(o.get("level").asString()).isEqualTo("COMMUNE");
            assertThat(o.get("parentCode").asString()).isEqualTo("294");
        });
        assertThat(parseList(get("/obligations?unit=10813&status=OPEN").body()))
                .noneSatisfy(o -> assertThat(o.get("programme").asString()).isEqualTo("LISTED"));

        assertThat(unitsOf(parseList(get("/obligations?under=294").body()), "LISTED"))
                .containsExactlyInAnyOrder("10813", "10816");
        assertThat(unitsOf(parseList(get("/obligations?under=288").body()), "LISTED")).containsExactly("10507");
        assertThat(unitsOf(parseList(get("/obligations?under=30").body()), "LISTED"))
                .containsExactlyInAnyOrder("10813", "10816", "10507");
        assertThat(unitsOf(parseList(get("/obligations?under=BGDDT&status=FULFILLED_ON_TIME").body()), "LISTED"))
                .containsExactly("10813");
    }

    @Test
    void obligationQueriesNeedOneUnitAndAKnownStatus() {
        HttpResponse<String> neither = get("/obligations");
        HttpResponse<String> badStatus = get("/obligations?unit=10813&status=LOST");

        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(parse(neither.body()).at("/errors/0/field").asString()).isEqualTo("unit");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(parse(badStatus.body()).at("/errors/0/field").asString()).isEqualTo("status");
    }

    @Test
    void prometheusShowsAcceptedReportsAndObligationsByStatus() {
        open("COUNTED");
        post("/reports", TestData.report("10813", "COUNTED", "2024", 1, 2, 3));

        String metrics = get("/actuator/prometheus").body();

        assertThat(metrics).containsPattern(
                "cascade_reports_accepted_total\\{application=\"report-service\",kind=\"first\",late=\"false\"} [1-9]");
        assertThat(metrics).containsPattern(
                "cascade_obligations\\{application=\"report-service\",status=\"OPEN\"} [1-9]");
        assertThat(metrics).contains("cascade_obligations{application=\"report-service\",status=\"OVERDUE\"}");
    }

    @Test
    void anUnknownReportIsNotFound() {
        HttpResponse<String> response = get("/reports/no-such-report");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(parse(response.body()).get("status").asInt()).isEqualTo(404);
        assertThat(parse(response.body()).at("/errors/0/field").asString()).isEqualTo("id");
    }

    private static List<String> unitsOf(List<JsonNode> obligations, String programme) {
        return obligations.stream().filter(o -> o.get("programme").asString().equals(programme))
                .map(o -> o.get("unitCode").asString()).toList();
    }
}
