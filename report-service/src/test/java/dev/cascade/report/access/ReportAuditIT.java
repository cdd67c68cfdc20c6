package dev.cascade.report.access;

import dev.cascade.platform.security.Role;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail of report-service: one action of each kind (submitted, revised, returned, accepted, withdrawn)
 * leaves exactly one entry with the token's subject, unit and role, the report's versions before and after and the
 * reason given; an idempotent replay leaves none, and the same key from another caller is refused without the first
 * caller's answer. The trail is read as a client would, {@code GET /audit?unit=10813}, by the province's viewer.
 */
class ReportAuditIT extends ReportServiceTestSupport {

    private static final String PROGRAMME = "AUDITED";

    @Test
    void eachActionLeavesOneEntryWithWhoWhatAndWhyAndAReplayLeavesNone() {
        open(PROGRAMME);
        String clerk = bearer("an.nv", "10813", Role.REPORTER);
        String district = bearer("binh.tran", "294", Role.REVIEWER);
        String body = TestData.report("10813", PROGRAMME, "2024", 120, 200, 35);

        HttpResponse<String> first = post("/reports", body, "Authorization", clerk, "Idempotency-Key", "audit-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String reportId = parse(first.body()).get("reportId").asString();
        long afterFirst = entriesOf(reportId);

        HttpResponse<String> replay = post("/reports", body, "Authorization", bearer("an.nv", "10813", Role.REPORTER),
                "Idempotency-Key", "audit-1");
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        HttpResponse<String> otherUnit = post("/reports", body, "Authorization", reporter("10816"),
                "Idempotency-Key", "audit-1");
        assertThat(otherUnit.statusCode()).as("another unit's reporter is refused before the key is looked up")
                .isEqualTo(403);
        assertThat(otherUnit.body()).doesNotContain(reportId);
        HttpResponse<String> otherPerson = post("/reports", body, "Authorization",
                bearer("cuong.le", "10813", Role.REPORTER), "Idempotency-Key", "audit-1");
        assertThat(otherPerson.statusCode()).as("the same key from another person is another request")
                .isEqualTo(422);
        assertThat(otherPerson.body()).doesNotContain(reportId);
        assertThat(entriesOf(reportId)).as("a replay and refusals record nothing").isEqualTo(afterFirst)
                .isEqualTo(1);

        at("2024-12-04T09:01:00+07:00"); // entries are ordered by when they were made
        assertThat(post("/reports", TestData.report("10813", PROGRAMME, "2024", 121, 200, 35), "Authorization",
                clerk).statusCode()).isEqualTo(201);
        at("2024-12-04T09:02:00+07:00"); // entries are ordered by when they were made
        assertThat(post("/reports/" + reportId + "/review", "{\"decision\":\"RETURN\",\"reason\":\"Thiếu số liệu\"}",
                "Authorization", district).statusCode()).isEqualTo(200);
        at("2024-12-04T09:03:00+07:00"); // entries are ordered by when they were made
        assertThat(post("/reports", TestData.report("10813", PROGRAMME, "2024", 122, 200, 35), "Authorization",
                clerk).statusCode()).isEqualTo(201);
        at("2024-12-04T09:04:00+07:00"); // entries are ordered by when they were made
        assertThat(post("/reports/" + reportId + "/review", "{\"decision\":\"ACCEPT\"}", "Authorization", district)
                .statusCode()).isEqualTo(200);
        at("2024-12-04T09:05:00+07:00"); // entries are ordered by when they were made
        assertThat(post("/reports/" + reportId + "/withdrawal", "{\"reason\":\"Nộp nhầm kỳ\"}", "Authorization",
                clerk).statusCode()).isEqualTo(200);

        HttpResponse<String> trail = get("/audit?unit=10813&size=500", viewer("30"));
        assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
        List<JsonNode> entries = parse(trail.body()).get("entries").valueStream()
                .filter(e -> e.get("entityId").asString().equals(reportId)).toList();
        assertThat(entries).extracting(e -> e.get("action").asString()).containsExactly("report.submitted",
                "report.revised", "report.returned", "report.revised", "report.accepted", "report.withdrawn");
        assertEntry(entries.get(0), "an.nv", "10813", "REPORTER", null, 1L, null);
        assertEntry(entries.get(1), "an.nv", "10813", "REPORTER", 1L, 2L, null);
        assertEntry(entries.get(2), "binh.tran", "294", "REVIEWER", 2L, 2L, "Thiếu số liệu");
        assertEntry(entries.get(3), "an.nv", "10813", "REPORTER", 2L, 3L, null);
        assertEntry(entries.get(4), "binh.tran", "294", "REVIEWER", 3L, 3L, null);
        assertEntry(entries.get(5), "an.nv", "10813", "REPORTER", 3L, 4L, "Nộp nhầm kỳ");
        entries.forEach(e -> {
            assertThat(e.get("entityType").asString()).isEqualTo("report");
            assertThat(e.get("unitCode").asString()).isEqualTo("10813");
            assertThat(e.get("rule").asString()).isNotBlank();
        });
        assertThat(get("/audit?unit=10813", reporter("10816")).statusCode())
                .as("a sibling does not read the commune's trail").isEqualTo(403);

        // the report records the same people as the trail, from their tokens
        JsonNode report = parse(get("/reports/" + reportId).body());
        assertThat(report.at("/versions/0/submittedBy").asString()).isEqualTo("an.nv");
        assertThat(report.at("/versions/0/actingUnit").asString()).isEqualTo("10813");
        assertThat(report.at("/reviews/0/reviewedBy").asString()).isEqualTo("binh.tran");
        assertThat(report.at("/reviews/0/reviewerUnitCode").asString()).isEqualTo("294");
        assertThat(report.at("/withdrawals/0/withdrawnBy").asString()).isEqualTo("an.nv");
    }

    private long entriesOf(String reportId) {
        return mongo.getCollection("audit").countDocuments(new Document("entityId", reportId));
    }

    private static void assertEntry(JsonNode entry, String subject, String unit, String role, Long before, Long after,
                                    String reason) {
        assertThat(entry.get("subject").asString()).isEqualTo(subject);
        assertThat(entry.get("actorUnit").asString()).isEqualTo(unit);
        assertThat(entry.get("role").asString()).isEqualTo(role);
        if (before == null) {
            assertThat(entry.get("versionBefore").isNull()).as(entry.toString()).isTrue();
        } else {
            assertThat(entry.get("versionBefore").asLong()).as(entry.toString()).isEqualTo(before);
        }
        assertThat(entry.get("versionAfter").asLong()).as(entry.toString()).isEqualTo(after);
        if (reason == null) {
            assertThat(entry.get("reason") == null || entry.get("reason").isNull()).as(entry.toString()).isTrue();
        } else {
            assertThat(entry.get("reason").asString()).isEqualTo(reason);
        }
    }
}
