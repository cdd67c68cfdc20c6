package dev.cascade.report.submission;

import dev.cascade.platform.security.Role;

import dev.cascade.contracts.EventTypes;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static dev.cascade.report.TopicRecorder.header;
import static dev.cascade.report.TopicRecorder.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Idempotent submission, revisions read as submitted and as corrected, review by the parent, withdrawal. */
class ReportLifecycleIT extends ReportServiceTestSupport {

    private long reportsOf(String programme) {
        return mongo.count(query(where("programme").is(programme)), ReportStore.COLLECTION);
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnTheSameAnswerAndStoreNothingNew() {
        open("IDEMPOTENT");
        String body = TestData.report("10813", "IDEMPOTENT", "2024", 120, 200, 35);

        HttpResponse<String> first = post("/reports", body, "Idempotency-Key", "k-1");
        HttpResponse<String> again = post("/reports", body, "Idempotency-Key", "k-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(parse(again.body())).isEqualTo(parse(first.body()));
        assertThat(first.headers().firstValue("Idempotent-Replayed")).contains("false");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        String reportId = parse(first.body()).get("reportId").asString();
        assertThat(parse(get("/reports/" + reportId).body()).get("versions")).hasSize(1);

        HttpResponse<String> newKey = post("/reports", body, "Idempotency-Key", "k-2");
        assertThat(parse(newKey.body()).get("version").asInt()).as("a new key is a new version").isEqualTo(2);
        assertThat(parse(post("/reports", body, "Idempotency-Key", "k-1").body()).get("version").asInt())
                .as("the first key still answers version 1").isEqualTo(1);

        awaitRecords(EventTypes.REPORT_REVISED, "IDEMPOTENT", 1);
        assertThat(recorder().records(ofType(EventTypes.REPORT_SUBMITTED).and(about("IDEMPOTENT")))).hasSize(1);
        assertThat(recorder().records(ofType(EventTypes.REPORT_REVISED).and(about("IDEMPOTENT")))).hasSize(1);
        assertThat(reportsOf("IDEMPOTENT")).isEqualTo(1);
    }

    @Test
    void aKeyIsCompletedByTheFirstReplayWhichIsAnsweredFromTheReport() {
        open("KEY-MENDED");
        String body = TestData.report("10507", "KEY-MENDED", "2024", 50, 100, 10);
        JsonNode first = parse(post("/reports", body, "Idempotency-Key", "k-crash").body());
        // the submission claims its key and writes its report, nothing more (as when the process dies right after)
        org.bson.Document claim = mongo.findById("10507|k-crash", org.bson.Document.class, "idempotency_keys");
        assertThat(claim).isNotNull();
        assertThat(claim.get("reportId")).isNull();

        HttpResponse<String> retry = post("/reports", body, "Idempotency-Key", "k-crash");

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(parse(retry.body())).isEqualTo(first);
        assertThat(parse(get("/reports/" + first.get("reportId").asString()).body()).get("versions")).hasSize(1);
        assertThat(mongo.findById("10507|k-crash", org.bson.Document.class, "idempotency_keys").get("reportId"))
                .isEqualTo(first.get("reportId").asString());
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefusedNamingTheHeader() {
        open("KEY-REUSED");
        post("/reports", TestData.report("10816", "KEY-REUSED", "2024", 90, 150, 20), "Idempotency-Key", "k-1");

        HttpResponse<String> reused = post("/reports", TestData.report("10816", "KEY-REUSED", "2024", 91, 150, 20),
                "Idempotency-Key", "k-1");

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(parse(reused.body()).at("/errors/0/field").asString()).isEqualTo("Idempotency-Key");
        JsonNode report = parse(get("/reports/" + reportIdOf("KEY-REUSED", "10816")).body());
        assertThat(report.get("versions")).hasSize(1);
        assertThat(report.at("/values/GDNN_INTAKE_RATE/numerator").asInt()).isEqualTo(90);
    }

    @Test
    void everyVersionCanBeReadAsSubmittedAndTheReportAsCorrected() {
        open("VERSIONS");
        String reportId = submitted(TestData.report("10507", "VERSIONS", "2024", 50, 100, 10));
        post("/reports", TestData.report("10507", "VERSIONS", "2024", 55, 100, 12),
                "Authorization", bearer("cuong.le", "10507", Role.REPORTER));

        JsonNode asSubmitted = parse(get("/reports/" + reportId + "/versions/1").body());
        JsonNode corrected = parse(get("/reports/" + reportId + "/versions/2").body());
        JsonNode latest = parse(get("/reports/" + reportId).body());

        assertThat(asSubmitted.at("/values/GDNN_INTAKE_RATE/numerator").asInt()).isEqualTo(50);
        assertThat(asSubmitted.at("/values/GDNN_NEW_ENROLMENT/value").asInt()).isEqualTo(10);
        assertThat(corrected.at("/values/GDNN_INTAKE_RATE/numerator").asInt()).isEqualTo(55);
        assertThat(corrected.get("actingUnit").asString()).isEqualTo("10507");
        assertThat(corrected.get("actingUser").asString()).isEqualTo("cuong.le");
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.at("/values/GDNN_NEW_ENROLMENT/value").asInt()).isEqualTo(12);
        assertThat(latest.get("status").asString()).isEqualTo("SUBMITTED");
        HttpResponse<String> missing = get("/reports/" + reportId + "/versions/3");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(parse(missing.body()).at("/errors/0/field").asString()).isEqualTo("version");
    }

    @Test
    void theParentReturnsAReportWithAReasonAndAcceptsTheCorrection() {
        open("REVIEWED");
        String reportId = submitted(TestData.report("10813", "REVIEWED", "2024", 120, 250, 35));

        HttpResponse<String> byAnotherDistrict = post("/reports/" + reportId + "/review",
                "{\"decision\":\"ACCEPT\"}", "Authorization", reviewer("288"));
        HttpResponse<String> bySelf = post("/reports/" + reportId + "/review",
                "{\"decision\":\"ACCEPT\"}", "Authorization", bearer("self", "10813", Role.REPORTER, Role.REVIEWER));
        HttpResponse<String> returnWithoutReason = post("/reports/" + reportId + "/review",
                "{\"decision\":\"RETURN\"}", "Authorization", reviewer("294"));
        assertThat(byAnotherDistrict.statusCode()).isEqualTo(403);
        assertThat(parse(byAnotherDistrict.body()).get("rule").asString())
                .isEqualTo("REVIEWER of the parent of unit 10813");
        assertThat(bySelf.statusCode()).isEqualTo(403);
        assertThat(returnWithoutReason.statusCode()).isEqualTo(422);
        assertThat(parse(returnWithoutReason.body()).at("/errors/0/field").asString()).isEqualTo("reason");
        assertThat(parse(get("/reports/" + reportId).body()).get("status").asString()).isEqualTo("SUBMITTED");

        HttpResponse<String> returned = post("/reports/" + reportId + "/review",
                "{\"decision\":\"RETURN\",\"reason\":\"Mẫu số chưa khớp\",\"version\":1}",
                "Authorization", bearer("binh.tran", "294", Role.REVIEWER));
        assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);
        assertThat(parse(returned.body()).get("status").asString()).isEqualTo("RETURNED");
        assertThat(post("/reports/" + reportId + "/review", "{\"decision\":\"ACCEPT\"}", "Authorization",
                reviewer("294")).statusCode()).as("a returned report awaits its correction").isEqualTo(409);

        at("2024-12-05T10:00:00+07:00");
        HttpResponse<String> corrected = post("/reports", TestData.report("10813", "REVIEWED", "2024", 120, 200, 35),
                "Authorization", reporter("10813"));
        assertThat(parse(corrected.body()).get("version").asInt()).isEqualTo(2);
        assertThat(parse(get("/reports/" + reportId).body()).get("status").asString()).isEqualTo("SUBMITTED");
        HttpResponse<String> accepted = post("/reports/" + reportId + "/review", "{\"decision\":\"ACCEPT\"}",
                "Authorization", bearer("binh.tran", "294", Role.REVIEWER));
        assertThat(parse(accepted.body()).get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(parse(accepted.body()).get("version").asInt()).isEqualTo(2);

        JsonNode report = parse(get("/reports/" + reportId).body());
        assertThat(report.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(report.at("/reviews/0/decision").asString()).isEqualTo("RETURNED");
        assertThat(report.at("/reviews/0/reason").asString()).isEqualTo("Mẫu số chưa khớp");
        assertThat(report.at("/reviews/1/version").asInt()).isEqualTo(2);

        ConsumerRecord<String, String> returnedEvent = awaitRecords(EventTypes.REPORT_RETURNED, "REVIEWED", 1).get(0);
        ConsumerRecord<String, String> acceptedEvent = awaitRecords(EventTypes.REPORT_ACCEPTED, "REVIEWED", 1).get(0);
        assertThat(returnedEvent.key()).isEqualTo("294");
        assertThat(parse(returnedEvent.value()).get("reportVersion").asInt()).isEqualTo(1);
        assertThat(parse(returnedEvent.value()).get("reason").asString()).isEqualTo("Mẫu số chưa khớp");
        assertThat(parse(returnedEvent.value()).get("reviewedBy").asString()).isEqualTo("binh.tran");
        assertThat(parse(acceptedEvent.value()).get("reportVersion").asInt()).isEqualTo(2);
        assertThat(parse(acceptedEvent.value()).get("reviewerUnitCode").asString()).isEqualTo("294");
    }

    @Test
    void aWithdrawalTakesTheNextVersionSoTheReportStopsCountingAndALaterSubmissionCountsAgain() {
        open("WITHDRAWN");
        String reportId = submitted(TestData.report("10816", "WITHDRAWN", "2024", 90, 150, 20));
        post("/reports", TestData.report("10816", "WITHDRAWN", "2024", 95, 150, 20));

        HttpResponse<String> byAnotherUnit = post("/reports/" + reportId + "/withdrawal",
                "{\"reason\":\"X\"}", "Authorization", reporter("10813"));
        assertThat(byAnotherUnit.statusCode()).isEqualTo(403);
        HttpResponse<String> naming = post("/reports/" + reportId + "/withdrawal",
                "{\"withdrawnBy\":\"Phạm Thị Dung\"}", "Authorization", reporter("10816"));
        assertThat(naming.statusCode()).as("the person withdrawing is the token's subject").isEqualTo(422);
        assertThat(parse(naming.body()).at("/errors/0/field").asString()).isEqualTo("withdrawnBy");
        HttpResponse<String> withdrawn = post("/reports/" + reportId + "/withdrawal",
                "{\"reason\":\"Nộp nhầm kỳ\"}", "Authorization", bearer("dung.pham", "10816", Role.REPORTER));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(parse(withdrawn.body()).get("version").asInt()).isEqualTo(3);
        HttpResponse<String> twice = post("/reports/" + reportId + "/withdrawal", "{}");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(parse(twice.body()).at("/errors/0/field").asString()).isEqualTo("status");
        assertThat(parse(get("/reports/" + reportId).body()).get("status").asString()).isEqualTo("WITHDRAWN");

        ConsumerRecord<String, String> event = awaitRecords(EventTypes.REPORT_WITHDRAWN, "WITHDRAWN", 1).get(0);
        assertThat(event.key()).isEqualTo("294");
        assertThat(header(event, "ce_subject")).isEqualTo(reportId);
        JsonNode payload = parse(event.value());
        assertThat(payload.get("reportId").asString()).isEqualTo(reportId);
        assertThat(payload.get("reportVersion").asInt()).as("above the last submitted version 2").isEqualTo(3);
        assertThat(payload.get("unitCode").asString()).isEqualTo("10816");
        assertThat(payload.get("withdrawnBy").asString()).isEqualTo("dung.pham");
        assertThat(payload.get("reason").asString()).isEqualTo("Nộp nhầm kỳ");

        HttpResponse<String> again = post("/reports", TestData.report("10816", "WITHDRAWN", "2024", 99, 150, 21));
        assertThat(parse(again.body()).get("version").asInt()).isEqualTo(4);
        assertThat(parse(get("/reports/" + reportId).body()).get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(parse(awaitRecords(EventTypes.REPORT_REVISED, "WITHDRAWN", 2).get(1).value())
                .get("reportVersion").asInt()).isEqualTo(4);
    }

    private String reportIdOf(String programme, String unit) {
        return mongo.findOne(query(where("programme").is(programme).and("unitCode").is(unit)), Report.class,
                ReportStore.COLLECTION).id();
    }
}
