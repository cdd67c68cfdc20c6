package dev.cascade.report.obligation;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import dev.cascade.report.unit.Units;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A season across the 1 July 2025 reform, on the Uông Bí plan: issued in 2023 by city 196 (district level) for its ten
 * communes and wards with annual reports. The 2024 report is owed by the ten, to the city (the hierarchy of
 * 14 December 2024); the 2025 report by the three wards that replaced them on 1 July 2025, to the province (the city's
 * level is abolished), each saying whom it replaces and whether only in part. Real broker, embedded store, the plan
 * and the units published on their topics as plan-service publishes them.
 */
class SeasonAcrossTheReformIT extends ReportServiceTestSupport {

    private static final String PROGRAMME = "UB-GDNN-ANNUAL";

    @Autowired
    Units units;

    @Test
    void theOldUnitsOwe2024ToTheCityAndTheNewWardsOwe2025ToTheProvinceInPlaceOfThem() {
        at(START);
        unitsKnown();
        TestData.uongBiUnits().forEach(this::publishUnit);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestData.uongBiUnits().stream()
                .allMatch(u -> units.exists(u.code())));
        // as plan-service issues it: the successions come with the plan
        PlanIssued plan = new PlanIssued("KH-196-2023-2203", "2203/KH-UBND", "Kế hoạch GDNN thành phố Uông Bí", "196",
                LocalDate.of(2023, 3, 10), List.of("21-CT/TW"), 2023, 2027, List.of(),
                List.of(new PlanTask("1", "Tuyên truyền", "196", List.of())),
                new ReportingProgramme(PROGRAMME, "Báo cáo GDNN Uông Bí", Frequency.ANNUAL, TestData.DATA_FORM,
                        TestData.OUTLINE, List.of(TestData.annual(2024), TestData.annual(2025))),
                TestData.UONG_BI, 1, TestData.UONG_BI_SUCCESSIONS);

        issueAndAwaitOpen(plan, "2024");

        List<Obligation> of2024 = TestData.UONG_BI.stream().map(u -> obligation(PROGRAMME, "2024", u)).toList();
        assertThat(of2024).allSatisfy(o -> {
            assertThat(o.level()).isEqualTo(UnitLevel.COMMUNE);
            assertThat(o.parentCode()).as("the city, on 14 December 2024").isEqualTo("196");
            assertThat(o.ancestors()).containsExactly("196", "22", "BGDDT");
            assertThat(o.deadline()).isEqualTo(LocalDate.of(2024, 12, 5));
            assertThat(o.replaces()).isEmpty();
            assertThat(o.partialSuccession()).isFalse();
            assertThat(o.version()).isEqualTo(1);
        });
        assertThat(obligationsOf("2025")).as("the 2025 period is not open yet").isEmpty();

        at("2024-12-15T00:00:00+07:00");
        openings.openDuePeriods();

        assertThat(obligationsOf("2025")).extracting(Obligation::unitCode, Obligation::replaces,
                Obligation::partialSuccession).containsExactly(
                tuple("06811", List.of("06811", "06817", "06820", "06826"), true),
                tuple("06820", List.of("06808", "06814", "06820", "06823"), true),
                tuple("06832", List.of("06829", "06832", "06835"), false));
        assertThat(obligationsOf("2025")).allSatisfy(o -> {
            assertThat(o.level()).isEqualTo(UnitLevel.COMMUNE);
            assertThat(o.parentCode()).as("the province, on 14 December 2025: the city's level is gone")
                    .isEqualTo("22");
            assertThat(o.ancestors()).containsExactly("22", "BGDDT");
            assertThat(o.deadline()).isEqualTo(LocalDate.of(2025, 12, 5));
            assertThat(o.dueAt()).isEqualTo(Instant.parse("2025-12-05T17:00:00Z"));
            assertThat(o.version()).isEqualTo(1);
        });
        assertThat(openings.openDuePeriods()).as("opened once").isZero();

        List<ConsumerRecord<String, String>> opened = awaitRecords(EventTypes.OBLIGATION_OPENED, PROGRAMME, 13);
        assertThat(opened).hasSize(13);
        Map<String, JsonNode> of2025 = opened.stream().map(r -> parse(r.value()))
                .filter(p -> p.get("period").asString().equals("2025"))
                .collect(Collectors.toMap(p -> p.get("unitCode").asString(), p -> p));
        assertThat(of2025).containsOnlyKeys("06811", "06820", "06832");
        assertThat(of2025.get("06820").get("replaces").values()).extracting(JsonNode::asString)
                .containsExactly("06808", "06814", "06820", "06823");
        assertThat(of2025.get("06820").get("partialSuccession").asBoolean()).isTrue();
        assertThat(of2025.get("06811").get("replaces").values()).extracting(JsonNode::asString)
                .containsExactly("06811", "06817", "06820", "06826");
        assertThat(of2025.get("06811").get("partialSuccession").asBoolean()).isTrue();
        assertThat(of2025.get("06832").get("replaces").values()).extracting(JsonNode::asString)
                .containsExactly("06829", "06832", "06835");
        assertThat(of2025.get("06832").get("partialSuccession").asBoolean()).isFalse();
        assertThat(of2025.values()).extracting(p -> p.get("parentCode").asString()).containsOnly("22");
        assertThat(opened.stream().map(r -> parse(r.value())).filter(p -> p.get("period").asString().equals("2024")))
                .allSatisfy(p -> {
                    assertThat(p.get("replaces").values()).isEmpty();
                    assertThat(p.get("partialSuccession").asBoolean()).isFalse();
                    assertThat(p.get("parentCode").asString()).isEqualTo("196");
                });

        // the province's reviewer lists them with whom they replace
        HttpResponse<String> list = get("/obligations?under=22&status=OPEN", reviewer("22"));
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode ward = parseList(list.body()).stream()
                .filter(o -> o.get("obligationId").asString().equals(PROGRAMME + "|2025|06832")).findFirst()
                .orElseThrow();
        assertThat(ward.get("replaces").values()).extracting(JsonNode::asString)
                .containsExactly("06829", "06832", "06835");
        assertThat(ward.get("partialSuccession").asBoolean()).isFalse();

        // the new ward reports for 2025 and its report rolls up to the province
        HttpResponse<String> report = post("/reports", TestData.report("06832", PROGRAMME, "2025", 40, 80, 12));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
        assertThat(parse(get("/reports/" + parse(report.body()).get("reportId").asString()).body())
                .get("parentCode").asString()).isEqualTo("22");
        at(START);
    }

    private List<Obligation> obligationsOf(String period) {
        return obligations.under("22", null).stream()
                .filter(o -> o.programme().equals(PROGRAMME) && o.period().equals(period)).toList();
    }
}
