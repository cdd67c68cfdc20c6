package dev.cascade.plan;

import dev.cascade.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail of plan-service: one action of each kind, made over HTTP with a real token, leaves exactly one
 * entry in the trail of the unit it belongs to (a plan's issuer; the national unit for units and indicators), with
 * the token's subject and unit, the role that allowed it, the entity, its versions before and after and the reason
 * where the action has one; a request that changes nothing leaves none, and the trail has no way to be changed.
 */
class AuditTrailIT extends SecuredServiceTestSupport {

    static final String PLANNER = bearer("planner-294", "294", Role.PLANNER);
    static final String ADMIN = bearer("admin", "BGDDT", Role.ADMIN);

    @Test
    void eachChangeOfAPlanLeavesOneEntryInTheIssuersTrail() throws Exception {
        String body = plan("294", "AUD1/KH", "AUD-1", "Kế hoạch kiểm toán");
        String id = "KH-294-2024-AUD1";

        assertThat(status(send("POST", "/plans", body, PLANNER))).isEqualTo(201);
        assertThat(status(send("PUT", "/plans/" + id, body.replace("kiểm toán", "kiểm toán (sửa)"), PLANNER)))
                .isEqualTo(200);
        assertThat(status(send("POST", "/plans/" + id + "/issue", null, PLANNER))).isEqualTo(200);
        assertThat(status(send("POST", "/plans/" + id + "/amendments", body.replace("kiểm toán", "điều chỉnh"),
                PLANNER))).isEqualTo(200);
        MvcResult revoked = send("POST", "/plans/" + id + "/revocation",
                "{\"revokedBy\":\"15/QĐ-UBND\",\"reason\":\"Thay thế bằng Kế hoạch số 60/KH-UBND\"}", PLANNER);
        assertThat(status(revoked)).isEqualTo(200);

        // entries are dated when they are recorded (the clock: 2025-12-01); 294 no longer exists that day, so only
        // its own people read them (platform's GET /audit asks the rules about the period's last day)
        List<JsonNode> entries = entries("294", "&from=2025-11-01&to=2025-12-01", PLANNER, id);
        assertThat(entries).extracting(e -> e.path("action").asString()).containsExactly("plan.created",
                "plan.revised", "plan.issued", "plan.amended", "plan.revoked");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("subject").asString()).isEqualTo("planner-294");
            assertThat(e.path("actorUnit").asString()).isEqualTo("294");
            assertThat(e.path("role").asString()).isEqualTo("PLANNER");
            assertThat(e.path("rule").asString()).isEqualTo("PLANNER of unit 294");
            assertThat(e.path("entityType").asString()).isEqualTo("plan");
            assertThat(e.path("unitCode").asString()).isEqualTo("294");
        });
        assertThat(entries).extracting(e -> e.path("versionBefore").isNull() ? null : e.path("versionBefore").asLong())
                .containsExactly(null, 1L, 2L, 3L, 4L);
        assertThat(entries).extracting(e -> e.path("versionAfter").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(entries).extracting(e -> e.path("reason").isNull() ? null : e.path("reason").asString())
                .containsExactly(null, null, null, null, "Thay thế bằng Kế hoạch số 60/KH-UBND");
        // the people the plan records are the token's subject; the revoking decision's number stays what was given
        JsonNode plan = json.readTree(revoked.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(plan.path("actors").toString()).isEqualTo("{\"createdBy\":\"planner-294\",\"revisedBy\":"
                + "\"planner-294\",\"issuedBy\":\"planner-294\",\"amendedBy\":\"planner-294\",\"revokedBy\":"
                + "\"planner-294\"}");
        assertThat(plan.path("revocation").path("revokedBy").asString()).isEqualTo("15/QĐ-UBND");
    }

    @Test
    void unitsImportsAndIndicatorsLeaveOneEntryInTheNationalTrailWhenTheyChangeSomething() throws Exception {
        String agency = "{\"name\":\"Phòng kiểm toán\",\"type\":\"Phòng\",\"parentCode\":\"30\"}";
        String indicator = "{\"code\":\"AUD_GRADUATES\",\"name\":\"Số tốt nghiệp (kiểm toán)\","
                + "\"unitOfMeasure\":\"người\",\"kind\":\"COUNT\",\"countNature\":\"FLOW\"}";

        assertThat(status(send("PUT", "/units/AUD-30-PKT", agency, ADMIN))).isEqualTo(201);
        assertThat(status(send("PUT", "/units/AUD-30-PKT", agency.replace("kiểm toán", "thanh tra"), ADMIN)))
                .isEqualTo(200);
        assertThat(status(send("PUT", "/units/AUD-30-PKT", agency.replace("kiểm toán", "thanh tra"), ADMIN)))
                .as("unchanged").isEqualTo(200);
        assertThat(status(send("POST", "/units/imports", "{\"provinces\":\"48\"}", ADMIN))).isEqualTo(200);
        assertThat(status(send("POST", "/units/imports", "{\"provinces\":\"48\"}", ADMIN))).as("nothing new")
                .isEqualTo(200);
        assertThat(status(send("POST", "/indicators", indicator, ADMIN))).isEqualTo(201);
        assertThat(status(send("POST", "/indicators", indicator, ADMIN))).as("the same again").isEqualTo(200);

        List<JsonNode> units = entries("BGDDT", "", ADMIN, "AUD-30-PKT");
        assertThat(units).extracting(e -> e.path("action").asString()).containsExactly("unit.written",
                "unit.written");
        assertThat(units).extracting(e -> e.path("versionBefore").isNull() ? null : e.path("versionBefore").asLong())
                .containsExactly(null, 1L);
        assertThat(units).extracting(e -> e.path("versionAfter").asLong()).containsExactly(1L, 2L);
        List<JsonNode> imports = entries("BGDDT", "", ADMIN, "48");
        assertThat(imports).singleElement().satisfies(e -> {
            assertThat(e.path("action").asString()).isEqualTo("units.imported");
            assertThat(e.path("entityType").asString()).isEqualTo("units");
        });
        List<JsonNode> indicators = entries("BGDDT", "", ADMIN, "AUD_GRADUATES");
        assertThat(indicators).singleElement().satisfies(e -> {
            assertThat(e.path("action").asString()).isEqualTo("indicator.added");
            assertThat(e.path("entityType").asString()).isEqualTo("indicator");
            assertThat(e.path("versionBefore").isNull()).isTrue();
            assertThat(e.path("versionAfter").asLong()).isEqualTo(1);
        });
        assertThat(List.of(units, imports, indicators)).allSatisfy(list -> assertThat(list).allSatisfy(e -> {
            assertThat(e.path("subject").asString()).isEqualTo("admin");
            assertThat(e.path("actorUnit").asString()).isEqualTo("BGDDT");
            assertThat(e.path("role").asString()).isEqualTo("ADMIN");
            assertThat(e.path("rule").asString()).isEqualTo("ADMIN of the national unit BGDDT");
            assertThat(e.path("unitCode").asString()).isEqualTo("BGDDT");
            assertThat(e.path("reason").isNull()).isTrue();
        }));
    }

    @Test
    void theTrailHasNoWayToBeChangedOverHttp() throws Exception {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertThat(status(send(method, "/audit?unit=BGDDT", method.equals("DELETE") ? null : "{}", ADMIN)))
                    .as(method).isEqualTo(405);
        }
    }

    private static int status(MvcResult result) {
        return result.getResponse().getStatus();
    }

    /** The entries about {@code entityId} in {@code unit}'s trail, read over {@code GET /audit}, oldest first. */
    private List<JsonNode> entries(String unit, String period, String authorization, String entityId)
            throws Exception {
        MvcResult result = send("GET", "/audit?unit=" + unit + period + "&size=500", null, authorization);
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(200);
        JsonNode page = json.readTree(body);
        assertThat(page.path("hasMore").asBoolean()).isFalse();
        return page.path("entries").valueStream().filter(e -> e.path("entityId").asString().equals(entityId))
                .toList();
    }
}
