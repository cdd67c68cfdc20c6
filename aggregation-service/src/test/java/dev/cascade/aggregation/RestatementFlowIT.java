package dev.cascade.aggregation;

import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.UnitLevel;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static dev.cascade.aggregation.GdnnProgramme.dataForm;
import static dev.cascade.aggregation.GdnnProgramme.period;
import static dev.cascade.aggregation.GdnnProgramme.report;
import static dev.cascade.aggregation.ReformUnits.full;
import static dev.cascade.aggregation.ReformUnits.merged;
import static dev.cascade.aggregation.ReformUnits.old;
import static dev.cascade.aggregation.ReformUnits.partial;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restatement on a real Kafka broker (embedded, KRaft) and the embedded MongoDB-wire server, with the real units of
 * the merge of Tỉnh Hải Dương (30) and Thành phố Hải Phòng (31) into Thành phố Hải Phòng (31) on 1 July 2025 (codes,
 * names and predecessors from plan-service's admin-units-2025-03/-07.csv and admin-merges-2025-07.csv). Communes of
 * both old provinces report for 2024 (old hierarchy); communes of the new province report for 2025. The steps build
 * on each other, in order.
 */
@TestPropertySource(properties = "spring.mongodb.database=cascade-aggregation-restatement-test")
class RestatementFlowIT extends FlowTestSupport {

    static final String PROGRAMME = "HP-GDNN-ANNUAL";
    static final String PLAN = "KH-BGDDT-2023-HP";

    @Override
    List<String> watchedTopics() {
        return List.of(Topics.AGGREGATES);
    }

    @Test
    @Order(1)
    void communesOfBothOldProvincesReportFor2024AndOfTheNewProvinceFor2025() {
        ReformUnits.thanhHa().forEach(this::sendUnit);
        sendUnit(old("303", "Quận Hồng Bàng", UnitLevel.DISTRICT, "31"));
        sendUnit(merged("11311", "Phường Minh Khai", "Phường Hồng Bàng", UnitLevel.COMMUNE, "303", "31",
                List.of(full("11299"), full("11302"), full("11305"), full("11311"), full("11320"), full("11323"),
                        partial("11341"))));
        sendUnit(old("11320", "Phường Hoàng Văn Thụ", UnitLevel.COMMUNE, "303"));
        sendUnit(merged("11329", "Phường Máy Chai", "Phường Ngô Quyền", UnitLevel.COMMUNE, "304", "31",
                List.of(full("11329"), full("11335"), full("11338"), partial("11341"), partial("11350"))));
        kafka.send(Topics.PLANS, PLAN, EventTypes.PLAN_ISSUED, json.writeValueAsBytes(plan()));

        // 2024, cut-off 14/12/2024: the 2025-03 hierarchy; Xã Thanh Sơn (10867) is expected and does not report
        sendReport(report(PROGRAMME, PLAN, "10813", "294", "2024", 120, 200, 35, false));
        sendReport(report(PROGRAMME, PLAN, "10861", "294", "2024", 30, 50, 8, false));
        sendReport(report(PROGRAMME, PLAN, "10816", "294", "2024", 90, 150, 20, false));
        sendReport(report(PROGRAMME, PLAN, "11311", "303", "2024", 60, 100, 12, false));
        sendReport(report(PROGRAMME, PLAN, "11320", "303", "2024", 45, 90, 9, true));
        // 2025, cut-off 14/12/2025: the 2025-07 hierarchy, communes directly under the new province 31
        clock.set(Instant.parse("2025-12-05T02:00:00Z"));
        sendReport(report(PROGRAMME, PLAN, "10813", "31", "2025", 130, 200, 40, false));
        sendReport(report(PROGRAMME, PLAN, "11311", "31", "2025", 70, 100, 15, false));

        RollUpDocument ministry2024 = awaitRollUp(PROGRAMME, "2024", "BGDDT", 5);
        RollUpDocument haiPhong2025 = awaitRollUp(PROGRAMME, "2025", "31", 2);

        // the roll-ups themselves, as every level computed them
        assertThat(ministry2024.values().get(RATE).value()).isEqualTo("58.47"); // 345 / 590
        assertThat(ministry2024.values().get(ENROLMENT).value()).isEqualByComparingTo("84");
        assertThat(ministry2024.completeness()).isEqualTo(new Completeness(6, 5, 4, 1));
        RollUpDocument haiDuong2024 = awaitRollUp(PROGRAMME, "2024", "30", 3);
        assertThat(haiDuong2024.values().get(RATE).value()).isEqualTo("60.00"); // 240 / 400
        assertThat(haiDuong2024.completeness()).isEqualTo(new Completeness(4, 3, 3, 0));
        RollUpDocument oldHaiPhong2024 = awaitRollUp(PROGRAMME, "2024", "31", 2);
        assertThat(oldHaiPhong2024.values().get(RATE).value()).isEqualTo("55.26"); // 105 / 190
        assertThat(oldHaiPhong2024.completeness()).isEqualTo(new Completeness(2, 2, 1, 1));
        assertThat(haiPhong2025.values().get(RATE).value()).isEqualTo("66.67"); // 200 / 300
        assertThat(haiPhong2025.values().get(ENROLMENT).value()).isEqualByComparingTo("55");
        assertThat(haiPhong2025.completeness()).isEqualTo(new Completeness(3, 2, 2, 0));
    }

    @Test
    @Order(2)
    void theNewProvincesRestated2024AggregateIsTheExactSumOfBothOldProvinces() {
        long rollUpsBefore = mongo.count(new Query(), RollUpDocument.class);

        var restated = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2024", "31");

        assertRestated(restated, false);
        restated.extractingPath("$.version").asNumber().isEqualTo(0);
        assertPlace(restated, "PROVINCE", "BGDDT");
        // (120 + 30 + 90 + 60 + 45) / (200 + 50 + 150 + 100 + 90): a ratio of sums
        restated.extractingPath("$.values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(58.47);
        restated.extractingPath("$.values.GDNN_INTAKE_RATE.numerator").asNumber().isEqualTo(345);
        restated.extractingPath("$.values.GDNN_INTAKE_RATE.denominator").asNumber().isEqualTo(590);
        restated.extractingPath("$.values.GDNN_INTAKE_RATE.count").asNumber().isEqualTo(5);
        restated.extractingPath("$.values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(84);
        assertCompleteness(restated, 6, 5);
        restated.extractingPath("$.completeness.onTime").asNumber().isEqualTo(4);
        restated.extractingPath("$.completeness.late").asNumber().isEqualTo(1);
        restated.extractingPath("$.targets").asArray().isEmpty();
        restated.extractingPath("$.predecessors[*].unitCode").asArray().containsExactly("30", "31");
        restated.extractingPath("$.predecessors[*].kind").asArray().containsExactly("FULL", "FULL");
        restated.extractingPath("$.predecessors[0].name").isEqualTo("Tỉnh Hải Dương");
        restated.extractingPath("$.predecessors[0].contributed").isEqualTo(true);
        restated.extractingPath("$.predecessors[0].completeness.expected").asNumber().isEqualTo(4);
        restated.extractingPath("$.predecessors[1].completeness.late").asNumber().isEqualTo(1);
        restated.extractingPath("$.children[*].unitCode").asArray().containsExactly("30", "31");
        restated.extractingPath("$.children[*].source").asArray().containsExactly("ROLLUP", "ROLLUP");
        restated.extractingPath("$.children[0].values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(60.00);
        restated.extractingPath("$.children[1].values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(55.26);

        // the two old provinces made up the whole country here, so the ministry's own roll-up is the same sum
        JsonNode restatedJson = body("/aggregates/" + PROGRAMME + "/2024/31?restate=true");
        JsonNode ministry = body("/aggregates/" + PROGRAMME + "/2024/BGDDT");
        assertThat(restatedJson.get("values")).isEqualTo(ministry.get("values"));
        assertThat(restatedJson.get("completeness")).isEqualTo(ministry.get("completeness"));
        assertThat(ministry.get("restated").asBoolean()).isFalse();

        // computed on read: nothing stored, nothing published
        assertThat(mongo.count(new Query(), RollUpDocument.class)).isEqualTo(rollUpsBefore);
        assertThat(engine.find(new AggregateKey(PROGRAMME, "2024", "31")).orElseThrow().values().get(RATE).value())
                .isEqualTo("55.26");
    }

    @Test
    @Order(3)
    void withoutRestateCode31In2024IsStillTheOldHaiPhongAndAfterTheReformRestateChangesNothing() {
        var old = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}", PROGRAMME, "2024", "31");
        old.extractingPath("$.restated").isEqualTo(false);
        old.extractingPath("$.values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(55.26);
        old.extractingPath("$.predecessors").asArray().isEmpty();
        old.extractingPath("$.children[*].unitCode").asArray().containsExactly("303");

        var after = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2025", "31");
        after.extractingPath("$.restated").isEqualTo(false);
        // the stored roll-up itself (its seq depends on how the two reports were batched)
        after.extractingPath("$.version").asNumber()
                .isEqualTo((int) engine.find(new AggregateKey(PROGRAMME, "2025", "31")).orElseThrow().seq());
        after.extractingPath("$.values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(66.67);
        after.extractingPath("$.children[*].unitCode").asArray().containsExactly("10813", "11311");

        // a unit without predecessors is read as usual
        readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2024", "30")
                .extractingPath("$.values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(60.00);
    }

    @Test
    @Order(4)
    void theSeriesOfTheNewProvinceRunsThrough2024And2025WithoutAGap() {
        var series = readOk(MINISTRY, "/aggregates/{p}/series/{unit}?restate=true", PROGRAMME, "31");
        series.extractingPath("$[*].period").asArray().containsExactly("2024", "2025");
        series.extractingPath("$[*].restated").asArray().containsExactly(true, false);
        series.extractingPath("$[0].values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(58.47);
        series.extractingPath("$[0].values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(84);
        series.extractingPath("$[0].completeness.received").asNumber().isEqualTo(5);
        series.extractingPath("$[0].predecessors[*].unitCode").asArray().containsExactly("30", "31");
        series.extractingPath("$[0].children").asArray().isEmpty();
        series.extractingPath("$[1].values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(66.67);
        series.extractingPath("$[1].values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(55);
        series.extractingPath("$[1].level").isEqualTo("PROVINCE");

        // without restate: 2024 of code 31 is the old Hải Phòng alone
        var plain = readOk(MINISTRY, "/aggregates/{p}/series/{unit}", PROGRAMME, "31");
        plain.extractingPath("$[*].period").asArray().containsExactly("2024", "2025");
        plain.extractingPath("$[0].values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(55.26);
        plain.extractingPath("$[*].restated").asArray().containsExactly(false, false);

        // a post-reform commune: 2024 restated from Thị trấn Thanh Hà and Xã Thanh Tân (Xã Thanh Sơn did not report)
        var thanhHa = readOk(MINISTRY, "/aggregates/{p}/series/{unit}?restate=true", PROGRAMME, "10813");
        thanhHa.extractingPath("$[*].period").asArray().containsExactly("2024");
        thanhHa.extractingPath("$[0].values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(60.00); // 150 / 250
        thanhHa.extractingPath("$[0].values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(43);
        thanhHa.extractingPath("$[0].completeness.expected").asNumber().isEqualTo(3);
        thanhHa.extractingPath("$[0].completeness.received").asNumber().isEqualTo(2);
    }

    @Test
    @Order(5)
    void aCommuneWithAPartialPredecessorIsRestatedFromItsWholeFiguresAndFlaggedApproximate() {
        var haBac = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2024", "10816");
        assertRestated(haBac, true);
        assertPlace(haBac, "COMMUNE", "31");
        // all of Xã Hồng Lạc's 90/150 and 20; Xã Tân Việt (FULL) was not a reporter, Xã Cẩm Việt is unknown here
        haBac.extractingPath("$.values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(60.00);
        haBac.extractingPath("$.values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(20);
        assertCompleteness(haBac, 1, 1);
        haBac.extractingPath("$.predecessors[*].unitCode").asArray().containsExactly("10816", "10825", "10828");
        haBac.extractingPath("$.predecessors[*].kind").asArray().containsExactly("PARTIAL", "FULL", "PARTIAL");
        haBac.extractingPath("$.predecessors[*].contributed").asArray().containsExactly(true, false, false);
        haBac.extractingPath("$.predecessors[0].parentCode").isEqualTo("294");
        haBac.extractingPath("$.predecessors[1].name").isEqualTo("Xã Tân Việt");
        haBac.extractingPath("$.predecessors[2].name").isNull();
        haBac.extractingPath("$.children[*].unitCode").asArray().containsExactly("10816");
        haBac.extractingPath("$.children[0].source").isEqualTo("REPORT");

        // Phường Hồng Bàng: Minh Khai and Hoàng Văn Thụ (late) in full; the partial Gia Viên (11341) had nothing
        var hongBang = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2024", "11311");
        hongBang.extractingPath("$.approximate").isEqualTo(false);
        hongBang.extractingPath("$.values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(55.26); // 105 / 190
        hongBang.extractingPath("$.completeness.late").asNumber().isEqualTo(1);
        hongBang.extractingPath("$.children[*].unitCode").asArray().containsExactly("11311", "11320");
    }

    @Test
    @Order(6)
    void nothingToRestateAnUnknownUnitAndABadParameterAreProblemDocuments() {
        // Phường Ngô Quyền: none of its predecessors reported or was expected in 2024
        var nothing = assertThat(mvc.get().uri("/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2024",
                "11329").header("Authorization", MINISTRY)).hasStatus(404).hasContentType("application/problem+json").bodyJson();
        nothing.extractingPath("$.title").isEqualTo("Nothing to restate");
        nothing.extractingPath("$.aggregateKey").isEqualTo(PROGRAMME + "|2024|11329");
        nothing.extractingPath("$.predecessors").asArray().containsExactly("11329", "11335", "11338", "11341", "11350");
        nothing.extractingPath("$.errors[0].field").isEqualTo("unitCode");

        var unknown = assertThat(mvc.get().uri("/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2024",
                "99999").header("Authorization", MINISTRY)).hasStatus(404).hasContentType("application/problem+json").bodyJson();
        unknown.extractingPath("$.title").isEqualTo("Unknown unit");
        unknown.extractingPath("$.errors[0].field").isEqualTo("unitCode");
        unknown.extractingPath("$.errors[0].message").isEqualTo("unknown unit 99999");
        assertThat(mvc.get().uri("/aggregates/{p}/series/{unit}?restate=true", PROGRAMME, "99999").header("Authorization", MINISTRY))
                .hasStatus(404).bodyJson().extractingPath("$.errors[0].field").isEqualTo("unitCode");

        var bad = assertThat(mvc.get().uri("/aggregates/{p}/{period}/{unit}?restate=yes", PROGRAMME, "2024", "31").header("Authorization", MINISTRY))
                .hasStatus(400).hasContentType("application/problem+json").bodyJson();
        bad.extractingPath("$.errors[0].field").isEqualTo("restate");
        bad.extractingPath("$.errors[0].message").isEqualTo("must be true or false");
        assertThat(mvc.get().uri("/aggregates/{p}/series/{unit}?restate=1x", PROGRAMME, "31").header("Authorization", MINISTRY))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("restate");

        // a period no plan of the programme has: the usual unknown aggregate
        assertThat(mvc.get().uri("/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2023", "31").header("Authorization", MINISTRY))
                .hasStatus(404).bodyJson().extractingPath("$.title").isEqualTo("Unknown aggregate");
    }

    // ---------------------------------------------------------------------------------------------------------

    private JsonNode body(String uri) {
        return json.readTree(mvc.get().uri(uri).header("Authorization", MINISTRY).exchange().getResponse().getContentAsByteArray());
    }

    private static PlanIssued plan() {
        return new PlanIssued(PLAN, "HP/KH-BGDĐT", "Báo cáo giáo dục nghề nghiệp qua sáp nhập", "BGDDT",
                LocalDate.of(2023, 7, 21), List.of("21-CT/TW"), 2024, 2025, List.of(), List.of(),
                new ReportingProgramme(PROGRAMME, "Báo cáo định kỳ hằng năm", Frequency.ANNUAL, dataForm(),
                        List.of("results"), List.of(period(2024), period(2025))),
                List.of("10813", "10861", "10867", "10816", "11311", "11320"), 1);
    }
}
