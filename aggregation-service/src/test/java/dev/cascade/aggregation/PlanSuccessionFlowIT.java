package dev.cascade.aggregation;

import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.AggregateUpdated;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.contracts.events.RevokedPlan;
import dev.cascade.contracts.events.SuccessionReason;
import dev.cascade.contracts.events.SuccessorUnit;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.contracts.events.TargetProgress;
import dev.cascade.contracts.events.UnitLevel;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.cascade.aggregation.GdnnProgramme.dataForm;
import static dev.cascade.aggregation.GdnnProgramme.period;
import static dev.cascade.aggregation.GdnnProgramme.report;
import static dev.cascade.aggregation.ReformUnits.FIRST_NEW_DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A district's plan through the 2025 reform, on a real Kafka broker (embedded, KRaft) and the embedded MongoDB-wire
 * server, with the real units of Huyện Thanh Hà (294, Tỉnh Hải Dương 30) and what became of them on 1 July 2025
 * (plan-service's admin-units-2025-03/-07.csv and admin-merges-2025-07.csv): Xã Thanh Tân (10861) and Xã Thanh Sơn
 * (10867) went whole into Xã Thanh Hà (10813, a code the plan does not name); Xã Tân Việt (10825) whole and Xã Hồng
 * Lạc (10816) in part into Xã Hà Bắc (10816); the district level was abolished and the province, Thành phố Hải Phòng
 * (31, formed from 30 and 31), took over the district's functions. The district's plan {@value #PLAN} (programme
 * {@value #PROGRAMME}, 2024 and 2025) carries these successions as plan-service computes them. A second plan of the
 * same district, of another programme ({@value #OTHER_PLAN}), shows that targets stay with their programme, and is
 * then revoked. The steps build on each other, in order.
 */
@TestPropertySource(properties = "spring.mongodb.database=cascade-aggregation-succession-test")
class PlanSuccessionFlowIT extends FlowTestSupport {

    static final String PROGRAMME = "TH-GDNN-ANNUAL";
    static final String PLAN = "KH-294-2023-CT21";
    static final String OTHER_PROGRAMME = "TH-TS-ANNUAL";
    static final String OTHER_PLAN = "KH-294-2024-TS";
    static final String MERGE_BASIS = "Nghị quyết 1669/NQ-UBTVQH15 (sắp xếp đơn vị hành chính cấp xã)";

    @Override
    List<String> watchedTopics() {
        return List.of(Topics.AGGREGATES, Topics.deadLetter(Topics.PLANS));
    }

    @Test
    @Order(1)
    void before2025TheOldCommunesAreExpectedBeneathTheDistrictAndRollUpAlongTheOldTree() {
        ReformUnits.thanhHa().forEach(this::sendUnit);
        kafka.send(Topics.PLANS, PLAN, EventTypes.PLAN_ISSUED, json.writeValueAsBytes(districtPlan()));
        kafka.send(Topics.PLANS, OTHER_PLAN, EventTypes.PLAN_ISSUED, json.writeValueAsBytes(otherPlan()));

        // 2024, cut-off 14/12/2024: the 2025-03 hierarchy, the four old communes beneath district 294
        sendReport(report(PROGRAMME, PLAN, "10861", "294", "2024", 30, 50, 8, false));
        sendReport(report(PROGRAMME, PLAN, "10867", "294", "2024", 45, 90, 9, true));
        sendReport(report(PROGRAMME, PLAN, "10816", "294", "2024", 90, 150, 20, false));
        sendReport(report(PROGRAMME, PLAN, "10825", "294", "2024", 40, 100, 5, false));

        RollUpDocument district = awaitRollUp(PROGRAMME, "2024", "294", 4);
        assertThat(district.completeness()).isEqualTo(new Completeness(4, 4, 3, 1));
        assertThat(district.level()).isEqualTo(UnitLevel.DISTRICT);
        assertThat(district.parentCode()).isEqualTo("30");
        assertThat(district.values().get(RATE).value()).isEqualTo("52.56"); // 205 / 390
        assertThat(district.values().get(ENROLMENT).value()).isEqualByComparingTo("42");
        assertThat(district.children()).extracting(c -> c.childCode())
                .containsExactlyInAnyOrder("10816", "10825", "10861", "10867");
        RollUpDocument province = awaitRollUp(PROGRAMME, "2024", "30", 4);
        assertThat(province.completeness()).isEqualTo(new Completeness(4, 4, 3, 1));
        assertThat(province.values().get(RATE).value()).isEqualTo("52.56");
        RollUpDocument ministry = awaitRollUp(PROGRAMME, "2024", "BGDDT", 4);
        assertThat(ministry.completeness()).isEqualTo(new Completeness(4, 4, 3, 1));
        // nothing of the plan in the 2024 roll-up of code 31 (the old Hải Phòng)
        assertThat(engine.find(new AggregateKey(PROGRAMME, "2024", "31"))).isEmpty();
    }

    @Test
    @Order(2)
    void after1July2025TheSuccessorsAreExpectedBeneathTheProvinceAndRollUpAlongTheNewTree() {
        // the 2025 period before anyone reported: the new communes, not the old ones, are owed beneath province 31
        var missing = readMissing(PROGRAMME, "2025", "31", 2, 0, "10813", "10816");
        missing.extractingPath("$.missing[*].name").asArray().containsExactly("Xã Thanh Hà", "Xã Hà Bắc");
        missing.extractingPath("$.missing[*].parentCode").asArray().containsExactly("31", "31");
        var nothingYet = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}", PROGRAMME, "2025", "31");
        nothingYet.extractingPath("$.version").asNumber().isEqualTo(0);
        nothingYet.extractingPath("$.completeness.expected").asNumber().isEqualTo(2);
        nothingYet.extractingPath("$.level").isEqualTo("PROVINCE");
        // district 294 has no place in the 2025 hierarchy: nothing is expected beneath it
        assertThat(mvc.get().uri("/aggregates/{p}/{period}/{unit}", PROGRAMME, "2025", "294")
                .header("Authorization", MINISTRY)).hasStatus(404);

        clock.set(Instant.parse("2025-12-05T02:00:00Z"));
        sendReport(report(PROGRAMME, PLAN, "10813", "31", "2025", 130, 200, 40, false));
        sendReport(report(PROGRAMME, PLAN, "10816", "31", "2025", 70, 100, 12, false));

        RollUpDocument province = awaitRollUp(PROGRAMME, "2025", "31", 2);
        assertThat(province.level()).isEqualTo(UnitLevel.PROVINCE);
        assertThat(province.parentCode()).isEqualTo("BGDDT");
        assertThat(province.completeness()).isEqualTo(new Completeness(2, 2, 2, 0));
        assertThat(province.values().get(RATE).value()).isEqualTo("66.67"); // 200 / 300
        assertThat(province.values().get(ENROLMENT).value()).isEqualByComparingTo("52");
        assertThat(province.children()).extracting(c -> c.childCode()).containsExactly("10813", "10816");
        RollUpDocument ministry = awaitRollUp(PROGRAMME, "2025", "BGDDT", 2);
        assertThat(ministry.completeness()).isEqualTo(new Completeness(2, 2, 2, 0));
        assertThat(ministry.values().get(RATE).value()).isEqualTo("66.67");
        assertThat(ministry.targets()).isEmpty();
        assertThat(engine.find(new AggregateKey(PROGRAMME, "2025", "294"))).isEmpty();
        assertThat(engine.find(new AggregateKey(PROGRAMME, "2025", "30"))).isEmpty();
    }

    @Test
    @Order(3)
    void the2024FiguresRestatedOntoTheNewCommunesAreExactForFullMergesAndFlaggedForPartialOnes() {
        // Xã Thanh Hà = Thị trấn Thanh Hà (not a reporter of the plan) + Xã Thanh Tân + Xã Thanh Sơn, all FULL
        var thanhHa = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2024", "10813");
        assertRestated(thanhHa, false);
        thanhHa.extractingPath("$.values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(53.57); // 75 / 140
        thanhHa.extractingPath("$.values.GDNN_INTAKE_RATE.numerator").asNumber().isEqualTo(75);
        thanhHa.extractingPath("$.values.GDNN_INTAKE_RATE.denominator").asNumber().isEqualTo(140);
        thanhHa.extractingPath("$.values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(17);
        thanhHa.extractingPath("$.completeness.expected").asNumber().isEqualTo(2);
        thanhHa.extractingPath("$.completeness.received").asNumber().isEqualTo(2);
        thanhHa.extractingPath("$.completeness.late").asNumber().isEqualTo(1);
        thanhHa.extractingPath("$.children[*].unitCode").asArray().containsExactly("10861", "10867");
        thanhHa.extractingPath("$.predecessors[*].contributed").asArray().containsExactly(false, true, true);

        // Xã Hà Bắc = part of Xã Hồng Lạc + Xã Tân Việt + part of Xã Cẩm Việt (not known here): whole figures, flagged
        var haBac = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2024", "10816");
        assertRestated(haBac, true);
        haBac.extractingPath("$.values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(52.00); // 130 / 250
        haBac.extractingPath("$.values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(25);
        haBac.extractingPath("$.completeness.expected").asNumber().isEqualTo(2);
        haBac.extractingPath("$.children[*].unitCode").asArray().containsExactly("10816", "10825");

        // the province's 2024 restated = old Hải Dương's roll-up (the old Hải Phòng had nothing in this programme)
        var province = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}?restate=true", PROGRAMME, "2024", "31");
        province.extractingPath("$.approximate").isEqualTo(false);
        province.extractingPath("$.values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(52.56);
        province.extractingPath("$.completeness.expected").asNumber().isEqualTo(4);
        province.extractingPath("$.predecessors[*].contributed").asArray().containsExactly(true, false);
        // the series of the new province runs from the restated 2024 into its own 2025
        var series = readOk(MINISTRY, "/aggregates/{p}/series/{unit}?restate=true", PROGRAMME, "31");
        series.extractingPath("$[*].period").asArray().containsExactly("2024", "2025");
        series.extractingPath("$[*].restated").asArray().containsExactly(true, false);
        series.extractingPath("$[1].values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(66.67);
    }

    @Test
    @Order(4)
    void targetsComeOnlyFromPlansOfTheProgrammeAndFollowTheIssuersRoleAcrossTheReform() {
        clock.set(Instant.parse("2024-12-06T02:00:00Z"));
        sendReport(report(OTHER_PROGRAMME, OTHER_PLAN, "10861", "294", "2024", 30, 50, 8, false));
        sendReport(report(OTHER_PROGRAMME, OTHER_PLAN, "10816", "294", "2024", 90, 150, 20, false));
        RollUpDocument other = awaitRollUp(OTHER_PROGRAMME, "2024", "294", 2);
        awaitRollUp(OTHER_PROGRAMME, "2024", "30", 2);
        awaitRollUp(OTHER_PROGRAMME, "2024", "BGDDT", 2);

        // the district's aggregate of the other programme: only that programme's plan, although both have values
        // for the indicator of the first plan's target (the bug: GDNN_INTAKE_RATE|KH-294-2023-CT21 showed here)
        assertThat(other.values()).containsKeys(RATE, ENROLMENT);
        assertThat(other.targets()).singleElement().satisfies(t -> assertTarget(t, ENROLMENT, OTHER_PLAN, 2024,
                "30", "28", false, "2"));
        // and the first programme's district aggregate: only its own plan
        RollUpDocument district = engine.find(new AggregateKey(PROGRAMME, "2024", "294")).orElseThrow();
        assertThat(district.targets()).singleElement().satisfies(t -> assertTarget(t, RATE, PLAN, 2025, "55",
                "52.56", false, "2.44"));
        var view = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}", OTHER_PROGRAMME, "2024", "294");
        view.extractingPath("$.targets[*].planId").asArray().containsExactly(OTHER_PLAN);

        // the plan's targets belong to the unit holding the issuer's role in the period: the district in 2024, the
        // province that took over its functions in 2025; never the province's 2024 roll-up, never the ministry
        RollUpDocument province2025 = engine.find(new AggregateKey(PROGRAMME, "2025", "31")).orElseThrow();
        assertThat(province2025.targets()).singleElement().satisfies(t -> assertTarget(t, RATE, PLAN, 2025, "55",
                "66.67", true, "0"));
        assertThat(awaitAggregate(PROGRAMME, "2025", "31", a -> a.version() == province2025.seq()).targets())
                .singleElement().satisfies(t -> assertTarget(t, RATE, PLAN, 2025, "55", "66.67", true, "0"));
        assertThat(engine.find(new AggregateKey(PROGRAMME, "2024", "30")).orElseThrow().targets()).isEmpty();
        assertThat(engine.find(new AggregateKey(PROGRAMME, "2025", "BGDDT")).orElseThrow().targets()).isEmpty();
        assertThat(engine.find(new AggregateKey(OTHER_PROGRAMME, "2024", "30")).orElseThrow().targets()).isEmpty();
    }

    @Test
    @Order(5)
    void aRevokedPlansAggregatesAreKeptAndRepublishedNamingIt() {
        List<String> units = List.of("294", "30", "BGDDT");
        Map<String, Long> before = new java.util.HashMap<>();
        for (String unit : units) {
            long seq = engine.find(new AggregateKey(OTHER_PROGRAMME, "2024", unit)).orElseThrow().seq();
            awaitAggregate(OTHER_PROGRAMME, "2024", unit, a -> a.version() == seq);
            before.put(unit, seq);
        }
        long firstProgrammeVersion = latest(PROGRAMME, "2024", "294").version();

        clock.set(Instant.parse("2025-03-02T02:00:00Z"));
        PlanRevoked revoked = new PlanRevoked(OTHER_PLAN, "294", LocalDate.of(2025, 3, 1), "15/QĐ-UBND",
                "Thay thế bằng Kế hoạch số 60/KH-UBND", 2);
        kafka.send(Topics.PLANS, OTHER_PLAN, EventTypes.PLAN_REVOKED, json.writeValueAsBytes(revoked));

        List<RevokedPlan> expected = List.of(new RevokedPlan(OTHER_PLAN, LocalDate.of(2025, 3, 1)));
        for (String unit : units) {
            AggregateUpdated republished = awaitAggregate(OTHER_PROGRAMME, "2024", unit,
                    a -> !a.revokedPlans().isEmpty());
            assertThat(republished.revokedPlans()).as(unit).isEqualTo(expected);
            assertThat(republished.version()).as(unit).isEqualTo(before.get(unit) + 1);
            assertThat(republished.asOf()).as(unit).isEqualTo(Instant.parse("2025-03-02T02:00:00Z"));
            // kept: the figures and the expectation as they were
            RollUpDocument stored = engine.find(new AggregateKey(OTHER_PROGRAMME, "2024", unit)).orElseThrow();
            assertThat(stored.revokedPlans()).isEqualTo(expected);
            assertThat(stored.completeness()).isEqualTo(new Completeness(2, 2, 2, 0));
            assertThat(stored.values().get(ENROLMENT).value()).isEqualByComparingTo("28");
        }
        var view = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}", OTHER_PROGRAMME, "2024", "294");
        view.extractingPath("$.revokedPlans[*].planId").asArray().containsExactly(OTHER_PLAN);
        view.extractingPath("$.revokedPlans[0].revokedOn").isEqualTo("2025-03-01");
        view.extractingPath("$.values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(28);
        view.extractingPath("$.targets[*].planId").asArray().containsExactly(OTHER_PLAN);
        // the other programme's aggregates are not touched
        assertThat(latest(PROGRAMME, "2024", "294").version()).isEqualTo(firstProgrammeVersion);
        assertThat(latest(PROGRAMME, "2024", "294").revokedPlans()).isEmpty();
        readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}", PROGRAMME, "2024", "294").extractingPath("$.revokedPlans")
                .asArray().isEmpty();
    }

    @Test
    @Order(6)
    void aRedeliveredOrStaleRevocationChangesNothing() {
        Map<String, Long> before = Map.of("294", latest(OTHER_PROGRAMME, "2024", "294").version(),
                "30", latest(OTHER_PROGRAMME, "2024", "30").version(),
                "BGDDT", latest(OTHER_PROGRAMME, "2024", "BGDDT").version());
        clock.set(Instant.parse("2025-03-09T02:00:00Z"));
        PlanRevoked again = new PlanRevoked(OTHER_PLAN, "294", LocalDate.of(2025, 3, 1), "15/QĐ-UBND", null, 2);
        PlanRevoked stale = new PlanRevoked(OTHER_PLAN, "294", LocalDate.of(2025, 2, 1), "9/QĐ-UBND", null, 1);
        kafka.send(Topics.PLANS, OTHER_PLAN, EventTypes.PLAN_REVOKED, json.writeValueAsBytes(again));
        kafka.send(Topics.PLANS, OTHER_PLAN, EventTypes.PLAN_REVOKED, json.writeValueAsBytes(stale));
        await().atMost(PATIENCE).until(() -> kafka.caughtUp("aggregation-service",
                List.of(Topics.PLANS, Topics.ROLLUP, Topics.REPORTS)));

        before.forEach((unit, version) -> {
            assertThat(versions(OTHER_PROGRAMME, "2024", unit)).as(unit).last().isEqualTo(version);
            assertThat(engine.find(new AggregateKey(OTHER_PROGRAMME, "2024", unit)).orElseThrow().revokedPlans())
                    .containsExactly(new RevokedPlan(OTHER_PLAN, LocalDate.of(2025, 3, 1)));
        });
        assertThat(kafka.seen(Topics.deadLetter(Topics.PLANS), OTHER_PLAN)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void assertTarget(TargetProgress t, String indicator, String planId, int year, String target,
                                     String actual, boolean met, String gap) {
        assertThat(t.indicator()).isEqualTo(indicator);
        assertThat(t.planId()).isEqualTo(planId);
        assertThat(t.year()).isEqualTo(year);
        assertThat(t.comparator()).isEqualTo(TargetComparator.AT_LEAST);
        assertThat(t.target()).isEqualByComparingTo(target);
        assertThat(t.actual()).isEqualByComparingTo(actual);
        assertThat(t.met()).isEqualTo(met);
        assertThat(t.gap()).isEqualByComparingTo(gap);
    }

    private AggregateUpdated awaitAggregate(String programme, String period, String unit,
                                            Predicate<AggregateUpdated> condition) {
        return await().atMost(PATIENCE).until(() -> latestOrNull(programme, period, unit),
                a -> a != null && condition.test(a));
    }

    private AggregateUpdated latest(String programme, String period, String unit) {
        return awaitAggregate(programme, period, unit, a -> true);
    }

    private AggregateUpdated latestOrNull(String programme, String period, String unit) {
        List<ConsumerRecord<String, String>> records = kafka.seen(Topics.AGGREGATES,
                new AggregateKey(programme, period, unit).toString());
        return records.isEmpty() ? null
                : json.readValue(records.get(records.size() - 1).value(), AggregateUpdated.class);
    }

    private List<Long> versions(String programme, String period, String unit) {
        return kafka.seen(Topics.AGGREGATES, new AggregateKey(programme, period, unit).toString()).stream()
                .map(r -> json.readValue(r.value(), AggregateUpdated.class).version()).toList();
    }

    private static ReportingSuccession merge(String unit, SuccessorUnit... successors) {
        return new ReportingSuccession(unit, FIRST_NEW_DAY, SuccessionReason.MERGED, List.of(successors), MERGE_BASIS);
    }

    /**
     * The district's plan of 2023 for its old communes, with the successions plan-service computes for it: the
     * communes' merges and the district's functions passing to the province.
     */
    private static PlanIssued districtPlan() {
        return new PlanIssued(PLAN, "21/KH-UBND", "Kế hoạch thực hiện Chỉ thị 21-CT/TW", "294",
                LocalDate.of(2023, 5, 10), List.of("21-CT/TW"), 2024, 2025,
                List.of(new Target(RATE, 2025, TargetComparator.AT_LEAST, new BigDecimal("55"), null)), List.of(),
                new ReportingProgramme(PROGRAMME, "Báo cáo định kỳ hằng năm", Frequency.ANNUAL, dataForm(),
                        List.of("results"), List.of(period(2024), period(2025))),
                List.of("10861", "10867", "10816", "10825"), 1, List.of(
                merge("10861", new SuccessorUnit("10813", false)),
                merge("10867", new SuccessorUnit("10813", false)),
                merge("10816", new SuccessorUnit("10816", true)),
                merge("10825", new SuccessorUnit("10816", false)),
                new ReportingSuccession("294", FIRST_NEW_DAY, SuccessionReason.LEVEL_ABOLISHED,
                        List.of(new SuccessorUnit("31", false)),
                        "Nghị quyết 202/2025/QH15 (chấm dứt hoạt động của đơn vị hành chính cấp huyện)")));
    }

    /** Another plan of the same district, of another programme, for 2024 only, with its own target. */
    private static PlanIssued otherPlan() {
        return new PlanIssued(OTHER_PLAN, "5/KH-UBND", "Kế hoạch tuyển sinh giáo dục nghề nghiệp 2024", "294",
                LocalDate.of(2024, 2, 1), List.of(), 2024, 2024,
                List.of(new Target(ENROLMENT, 2024, TargetComparator.AT_LEAST, new BigDecimal("30"), null)),
                List.of(), new ReportingProgramme(OTHER_PROGRAMME, "Báo cáo tuyển sinh hằng năm", Frequency.ANNUAL,
                dataForm(), List.of("results"), List.of(period(2024))),
                List.of("10861", "10816"), 1);
    }
}
