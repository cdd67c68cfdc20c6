package dev.cascade.notification;

import dev.cascade.notification.programme.ProgrammeCatalog;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestIssuer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every change notification-service makes on request leaves exactly one audit entry with who (subject, their unit,
 * the role that allowed it), what (contacts or webhooks of a unit, a programme's reminder policy, versions before and
 * after) and the unit whose trail it is in; a refused request leaves none; the trail is read through the platform's
 * {@code GET /audit} by the unit and its ancestors, and no endpoint changes it.
 */
class AuditTrailIT extends NotificationServiceTestSupport {

    static final TestIssuer ISSUER = TestIssuer.shared();
    static final String UNIT = "10813";
    static final String HOOK = "{\"url\":\"https://ubnd.example/hooks/cascade\",\"secret\":\"0123456789abcdef\"}";

    @Autowired
    ProgrammeCatalog programmes;
    @Autowired
    AuditTrail trail;

    @BeforeEach
    void unitsAndProgrammeAndAnEmptyTrail() {
        clockAt("2024-12-02T08:00:00+07:00");
        ReportingSeason.units(Map.of(UNIT, "Thị trấn Thanh Hà", "10816", "Xã Hồng Lạc")).forEach(units::apply);
        programmes.apply(ReportingSeason.plan(List.of(UNIT, "10816")));
        // the tests' own clean-up of the store they share; the service has no way to remove an entry
        mongo.getCollection(AuditTrail.COLLECTION).deleteMany(new Document());
    }

    @Test
    void contactsWebhooksAndPoliciesEachLeaveOneEntryWithTheRightActorAndVersions() throws Exception {
        String district = ISSUER.bearer("admin-294", "294", Role.ADMIN);
        String province = ISSUER.bearer("admin-30", "30", Role.ADMIN);
        String unitAdmin = ISSUER.bearer("admin-10813", UNIT, Role.ADMIN);

        put("/contacts/" + UNIT, "{\"emails\":[\"vanthu@thanhha.example\"]}", unitAdmin, HttpStatus.OK);
        put("/contacts/" + UNIT, "{\"emails\":[\"vanthu@thanhha.example\"],\"webhooks\":[" + HOOK + "]}", district,
                HttpStatus.OK);
        put("/contacts/" + UNIT, "{\"emails\":[\"ketoan@thanhha.example\"],\"webhooks\":[" + HOOK + "]}", district,
                HttpStatus.OK);
        put("/contacts/" + UNIT, "{\"emails\":[]}", ISSUER.bearer("admin", "BGDDT", Role.ADMIN), HttpStatus.OK);
        put("/policies/" + ReportingSeason.PROGRAMME, "{\"levels\":{\"COMMUNE\":[\"REMINDER_DUE_TODAY\"]}}",
                province, HttpStatus.OK);
        put("/policies/" + ReportingSeason.PROGRAMME, "{\"levels\":{}}", district, HttpStatus.OK);
        // refused: a sibling's admin, an invalid body, an inside webhook, a commune admin on the district's policy
        put("/contacts/" + UNIT, "{\"emails\":[]}", ISSUER.bearer("admin-10816", "10816", Role.ADMIN),
                HttpStatus.FORBIDDEN);
        put("/contacts/" + UNIT, "{\"emails\":[\"not an address\"]}", district, HttpStatus.BAD_REQUEST);
        put("/contacts/" + UNIT, "{\"emails\":[],\"webhooks\":[{\"url\":\"https://127.0.0.1/x\",\"secret\":"
                + "\"0123456789abcdef\"}]}", district, HttpStatus.UNPROCESSABLE_CONTENT);
        put("/policies/" + ReportingSeason.PROGRAMME, "{\"levels\":{}}", unitAdmin, HttpStatus.FORBIDDEN);

        List<Document> entries = mongo.getCollection(AuditTrail.COLLECTION).find()
                .sort(new Document("at", 1).append("_id", 1)).into(new java.util.ArrayList<>());
        assertThat(entries).extracting(e -> List.of(e.getString("action"), e.getString("entityType"),
                        e.getString("entityId"), e.getString("unitCode"), e.getString("subject"),
                        e.getString("actorUnit"), e.getString("role"), String.valueOf(e.get("versionBefore")),
                        String.valueOf(e.get("versionAfter"))))
                .containsExactlyInAnyOrder(
                        List.of("contacts.changed", "contacts", UNIT, UNIT, "admin-10813", UNIT, "ADMIN", "null", "1"),
                        List.of("webhooks.changed", "contacts", UNIT, UNIT, "admin-294", "294", "ADMIN", "1", "2"),
                        List.of("contacts.changed", "contacts", UNIT, UNIT, "admin-294", "294", "ADMIN", "2", "3"),
                        List.of("webhooks.changed", "contacts", UNIT, UNIT, "admin", "BGDDT", "ADMIN", "3", "4"),
                        List.of("policy.changed", "reminder-policy", ReportingSeason.PROGRAMME, "294", "admin-30",
                                "30", "ADMIN", "null", "1"),
                        List.of("policy.changed", "reminder-policy", ReportingSeason.PROGRAMME, "294", "admin-294",
                                "294", "ADMIN", "1", "2"));
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.getDate("at").toInstant()).isEqualTo(CLOCK.instant());
            assertThat(e.getString("rule")).isNotBlank();
            assertThat(e.get("reason")).isNull();
        });

        // the unit's trail through the platform's endpoint: the unit and its ancestors, not a sibling
        var page = mvc.get().uri("/audit?unit={u}&from=2024-12-01&to=2024-12-02", UNIT)
                .header("Authorization", ISSUER.bearer("viewer-30", "30", Role.VIEWER)).exchange();
        assertThat(page).hasStatusOk();
        JsonNode listed = json.readTree(page.getResponse().getContentAsString()).path("entries");
        assertThat(listed.valueStream().map(e -> e.path("subject").asString() + " " + e.path("action").asString()
                + " " + e.path("versionAfter").asLong()).toList()).containsExactlyInAnyOrder(
                "admin-10813 contacts.changed 1", "admin-294 webhooks.changed 2", "admin-294 contacts.changed 3",
                "admin webhooks.changed 4");
        assertThat(mvc.get().uri("/audit?unit={u}", UNIT)
                .header("Authorization", ISSUER.bearer("viewer-10816", "10816", Role.VIEWER)))
                .hasStatus(HttpStatus.FORBIDDEN);
        // no endpoint changes the trail
        for (String method : List.of("PUT", "POST", "DELETE", "PATCH")) {
            assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .request(org.springframework.http.HttpMethod.valueOf(method), "/audit?unit=" + UNIT)))
                    .hasStatus(HttpStatus.METHOD_NOT_ALLOWED);
        }
        assertThat(mongo.getCollection(AuditTrail.COLLECTION).countDocuments()).isEqualTo(6);
    }

    private void put(String path, String body, String authorization, HttpStatus expected) {
        assertThat(mvc.put().uri(path).contentType(MediaType.APPLICATION_JSON).content(body)
                .header("Authorization", authorization)).as(path + " " + body).hasStatus(expected);
    }
}
