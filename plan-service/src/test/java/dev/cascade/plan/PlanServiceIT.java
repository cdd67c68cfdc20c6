package dev.cascade.plan;

import dev.cascade.platform.test.EmbeddedStore;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.GoldenFiles;
import dev.cascade.contracts.Topics;
import com.mongodb.client.MongoClient;
import dev.cascade.plan.demo.DemoData;
import dev.cascade.contracts.events.PeriodReporter;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.SuccessorUnit;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.plan.plans.PlanStore;
import dev.cascade.plan.plans.Plans;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.unit.StoredUnit;
import dev.cascade.plan.unit.UnitImport;
import dev.cascade.plan.unit.UnitPublication;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.plan.unit.UnitStore;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.ProvinceSelection;
import dev.cascade.plan.unit.domain.UnitRegister;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * plan-service on a real Kafka broker and the embedded MongoDB-compatible store, started with the demo data
 * (province 30 and the Thanh Hà plan) and a clock set to 7 December 2024. Every request carries a real token of the
 * person who may make it ({@link FittingTokens}: reads as the ministry's analyst, plan writes as a planner of the
 * plan's issuer, unit and indicator writes as the national administrator).
 */
@SpringBootTest(properties = {"spring.config.name=plan-service",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.mongodb.database=plan-service-test",
        "cascade.demo.enabled=true",
        "cascade.clock=2024-12-07T08:00:00+07:00",
        "cascade.publication.retry-interval=PT1H"})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = {"cascade.units.v1", "cascade.plans.v1"})
@EmbeddedStore
class PlanServiceIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class Tokens {

        @Bean
        MockMvcBuilderCustomizer planServiceItTokens() {
            return builder -> builder.defaultRequest(get("/").with(FittingTokens.fitting()));
        }
    }

    static final String DEMO_PLAN = "KH-294-2023-CT21";
    static final List<String> THANH_HA_COMMUNES = List.of("10813", "10816", "10825", "10828", "10831", "10834",
            "10840", "10843", "10846", "10855", "10861", "10864", "10867", "10876", "10879", "10882");

    /** The sample of the golden file: province 30's plan 2625/KH-UBND with three reporting communes. */
    static final String PROVINCE_PLAN = """
            {"number":"2625/KH-UBND",
             "title":"Kế hoạch thực hiện Chỉ thị số 21-CT/TW ngày 04/5/2023 của Ban Bí thư về tiếp tục đổi mới, phát triển và nâng cao chất lượng giáo dục nghề nghiệp đến năm 2030, tầm nhìn đến năm 2045",
             "issuerUnitCode":"30","issueDate":"2023-07-21","basis":["21-CT/TW"],
             "horizonStart":2024,"horizonEnd":2024,
             "targets":[{"indicator":"GDNN_INTAKE_RATE","year":2030,"comparator":"RANGE","value":50,"upper":55},
                        {"indicator":"RETRAINED_LABOUR_RATE","year":2030,"comparator":"AT_LEAST","value":50}],
             "tasks":[{"number":"1","title":"Đẩy mạnh, đổi mới công tác tuyên truyền, giáo dục, nâng cao nhận thức, trách nhiệm về giáo dục nghề nghiệp (chủ trì: Sở Lao động - Thương binh và Xã hội)","leadUnit":"30","cooperatingUnits":[]},
                      {"number":"2","title":"Đổi mới công tác tuyển sinh, phân luồng học sinh sau trung học cơ sở (chủ trì: Sở Giáo dục và Đào tạo)","leadUnit":"30","cooperatingUnits":["294","288"]}],
             "programme":{"code":"HD-GDNN-ANNUAL",
                "title":"Báo cáo định kỳ hằng năm kết quả thực hiện Chỉ thị số 21-CT/TW về giáo dục nghề nghiệp",
                "frequency":"ANNUAL","indicators":["GDNN_INTAKE_RATE","GDNN_NEW_ENROLMENT"],
                "outline":["results","shortcomings","difficulties","proposals"],
                "deadlines":{"COMMUNE":"12-05","DISTRICT":"12-10","PROVINCE":"12-15","MINISTRY":"12-25"}},
             "reportingUnits":["10813","10816","10507"]}
            """;

    @Autowired
    MockMvc mvc;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    UnitImport unitImport;
    @Autowired
    DemoData demoData;
    @Autowired
    JsonMapper json;
    @Autowired
    EventProducer producer;
    @Autowired
    OutboxEvents events;
    @Autowired
    UnitPublication unitPublication;
    @Autowired
    MongoClient mongoClient;
    @Autowired
    UnitRegister unitRegister;
    @Autowired
    UnitStore unitStore;
    @Autowired
    Plans plans;
    @Autowired
    PlanStore planStore;
    @Autowired
    PendingPublications pendingPublications;

    @Test
    void demoPublishesProvince30UnitsAndIssuesTheThanhHaPlan() throws Exception {
        List<ConsumerRecord<String, String>> units = TopicRecords.read(broker, Topics.UNITS);
        Set<String> keys = units.stream().map(ConsumerRecord::key).filter(k -> !k.startsWith("TEST"))
                .collect(Collectors.toSet());
        // the demo's provinces (30 of seed 001 and those of the other seeds), the 2025-07 units they merged into,
        // their parents, and the seeds' agencies
        DemoData.SeedFixture fixture = demoData.fixture();
        Set<String> expected = unitRegister.select(ProvinceSelection.parse(String.join(",", fixture.provinces())))
                .stream().map(AdministrativeUnit::code).collect(Collectors.toSet());
        fixture.agencies().forEach(a -> expected.add(a.code()));
        assertThat(keys).isEqualTo(expected).contains("BGDDT", "30", "31", "294", "288", "10813", "10507", "196",
                "68-SGDDT", "92-BTGTU");
        assertThat(unitRegister.select(ProvinceSelection.parse("30"))).hasSize(222);
        assertThat(units).allSatisfy(r -> {
            assertThat(TopicRecords.header(r, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.UNIT_UPSERTED);
            assertThat(TopicRecords.header(r, CloudEventHeaders.SUBJECT)).isEqualTo(r.key());
            assertThat(json.readTree(r.value()).get("code").asString()).isEqualTo(r.key());
        });

        List<ConsumerRecord<String, String>> issued = TopicRecords.read(broker, Topics.PLANS).stream()
                .filter(r -> r.key().equals(DEMO_PLAN)).toList();
        assertThat(issued).hasSize(1);
        JsonNode plan = json.readTree(issued.get(0).value());
        assertThat(plan.get("issuerUnitCode").asString()).isEqualTo("294");
        assertThat(plan.get("version").asLong()).isEqualTo(1);
        assertThat(plan.get("reportingUnits").valueStream().map(JsonNode::asString).toList())
                .isEqualTo(THANH_HA_COMMUNES);
        assertThat(plan.get("tasks")).hasSize(8);
        JsonNode programme = plan.get("programme");
        assertThat(programme.get("code").asString()).isEqualTo("TH-GDNN-ANNUAL");
        assertThat(programme.get("dataForm").valueStream().map(d -> d.get("code").asString()).toList())
                .containsExactly("GDNN_INTAKE_RATE", "GDNN_NEW_ENROLMENT", "GDNN_GRADUATES", "RURAL_WORKERS_TRAINED");
        assertThat(programme.get("dataForm").get(0).get("denominatorLabel").asString())
                .isEqualTo("Số học sinh tốt nghiệp THCS, THPT");
        assertThat(programme.get("periods")).hasSize(8);
        JsonNode y2025 = programme.get("periods").get(2);
        assertThat(y2025.get("id").asString()).isEqualTo("2025");
        assertThat(y2025.get("cutOffStart").asString()).isEqualTo("2024-12-15");
        assertThat(y2025.get("cutOffEnd").asString()).isEqualTo("2025-12-14");
        assertThat(y2025.get("deadlines").get("COMMUNE").asString()).isEqualTo("2025-12-10");
        assertThat(y2025.get("deadlines").get("DISTRICT").asString()).isEqualTo("2025-12-15");
        assertThat(y2025.get("deadlines").get("PROVINCE").asString()).isEqualTo("2025-12-22"); // 20th: Saturday
        assertThat(y2025.get("deadlines").get("MINISTRY").asString()).isEqualTo("2025-12-25");

        mvc.perform(get("/plans/" + DEMO_PLAN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ISSUED"))
                .andExpect(jsonPath("$.published").value(true))
                .andExpect(jsonPath("$.programme.deadlines.COMMUNE").value("12-10"));
    }

    @Test
    void importingAndLoadingTheDemoAgainChangesAndPublishesNothing() throws Exception {
        long unitsEnd = TopicRecords.endOffset(broker, Topics.UNITS);
        long plansEnd = TopicRecords.endOffset(broker, Topics.PLANS);

        UnitImport.Result again = unitImport.importUnits(ProvinceSelection.parse("30"));
        demoData.run(null);

        assertThat(again.units()).isEqualTo(222);
        assertThat(again.created()).isZero();
        assertThat(again.changed()).isZero();
        assertThat(again.unchanged()).isEqualTo(222);
        assertThat(again.published()).isZero();
        assertThat(again.pending()).isZero();
        assertThat(TopicRecords.endOffset(broker, Topics.UNITS)).isEqualTo(unitsEnd);
        assertThat(TopicRecords.endOffset(broker, Topics.PLANS)).isEqualTo(plansEnd);
        mvc.perform(get("/plans/" + DEMO_PLAN)).andExpect(jsonPath("$.version").value(2));
    }

    @Test
    void aUnitIsPlacedInTheHierarchyValidOnTheDayAsked() throws Exception {
        mvc.perform(get("/units/10813").param("asOf", "2025-06-30")).andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("10813"))
                .andExpect(jsonPath("$.name").value("Thị trấn Thanh Hà"))
                .andExpect(jsonPath("$.level").value("COMMUNE"))
                .andExpect(jsonPath("$.type").value("Thị trấn"))
                .andExpect(jsonPath("$.parentCode").value("294"))
                .andExpect(jsonPath("$.hierarchy").value("2025-03"));
        mvc.perform(get("/units/10813").param("asOf", "2025-07-01")).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Xã Thanh Hà"))
                .andExpect(jsonPath("$.parentCode").value("31"))
                .andExpect(jsonPath("$.hierarchy").value("2025-07"));
        // today by the clock is 7 December 2024
        mvc.perform(get("/units/10813")).andExpect(jsonPath("$.parentCode").value("294"));
        mvc.perform(get("/units/30")).andExpect(jsonPath("$.parentCode").value("BGDDT"));
        mvc.perform(get("/units/BGDDT")).andExpect(jsonPath("$.level").value("MINISTRY"))
                .andExpect(jsonPath("$.parentCode").doesNotExist());

        mvc.perform(get("/units/294/children")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code").value(contains(THANH_HA_COMMUNES.toArray())));
        mvc.perform(get("/units/31/children").param("asOf", "2025-07-01"))
                .andExpect(jsonPath("$", hasSize(64)))
                .andExpect(jsonPath("$[*].code", hasItem("10813")));
    }

    @Test
    void aPostReformUnitShowsItsPredecessorsOnTheDaysOfItsNewPlacement() throws Exception {
        mvc.perform(get("/units/31").param("asOf", "2025-07-01")).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Thành phố Hải Phòng"))
                .andExpect(jsonPath("$.hierarchy").value("2025-07"))
                .andExpect(jsonPath("$.predecessors[*].code").value(contains("30", "31")))
                .andExpect(jsonPath("$.predecessors[*].kind").value(contains("FULL", "FULL")));
        // on 14 December 2024 code 31 is the old Hải Phòng, which was formed from nothing we know of
        mvc.perform(get("/units/31").param("asOf", "2024-12-14")).andExpect(status().isOk())
                .andExpect(jsonPath("$.hierarchy").value("2025-03"))
                .andExpect(jsonPath("$.predecessors", hasSize(0)));
        mvc.perform(get("/units/10816").param("asOf", "2025-07-01")).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Xã Hà Bắc"))
                .andExpect(jsonPath("$.predecessors[*].code").value(contains("10816", "10825", "10828")))
                .andExpect(jsonPath("$.predecessors[*].kind").value(contains("PARTIAL", "FULL", "PARTIAL")));
        mvc.perform(get("/units/31/children").param("asOf", "2025-07-01"))
                .andExpect(jsonPath("$[?(@.code=='10813')].predecessors[*].code")
                        .value(contains("10813", "10861", "10867")));

        // and the demo published it so
        ConsumerRecord<String, String> haiPhong = TopicRecords.read(broker, Topics.UNITS).stream()
                .filter(r -> r.key().equals("31")).findFirst().orElseThrow();
        assertThat(json.readTree(haiPhong.value()).get("predecessors").toString())
                .isEqualTo("[{\"code\":\"30\",\"kind\":\"FULL\"},{\"code\":\"31\",\"kind\":\"FULL\"}]");
        ConsumerRecord<String, String> huyen = TopicRecords.read(broker, Topics.UNITS).stream()
                .filter(r -> r.key().equals("294")).findFirst().orElseThrow();
        assertThat(json.readTree(huyen.value()).get("predecessors")).isEmpty();
    }

    @Test
    void unitsStoredBeforePredecessorsExistedGetANewVersionWithThemAndAreRepublishedOnce() {
        // a store as the previous release left it: province 30's units, without predecessors, all published
        UnitStore oldStore = new UnitStore(new MongoTemplate(mongoClient, "plan-service-predecessor-upgrade"));
        List<AdministrativeUnit> selected = unitRegister.select(ProvinceSelection.parse("30"));
        oldStore.upsert(selected.stream().map(u -> new AdministrativeUnit(u.code(), u.placements())).toList(),
                Instant.parse("2025-03-01T00:00:00Z"));
        oldStore.markPublished(oldStore.unpublished());
        UnitImport upgrade = new UnitImport(unitRegister, oldStore, new UnitPublication(oldStore, producer, events),
                java.time.Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), java.time.ZoneOffset.UTC));
        long unitsEnd = TopicRecords.endOffset(broker, Topics.UNITS);

        UnitImport.Result first = upgrade.importUnits(ProvinceSelection.parse("30"));

        // Hải Phòng (31) and the 64 post-reform communes that kept codes of old Hải Dương communes; the 2025-03-only
        // units (30, its districts, the communes that ended) and the ministry keep their version
        assertThat(first.units()).isEqualTo(222);
        assertThat(first.changed()).isEqualTo(65);
        assertThat(first.unchanged()).isEqualTo(157);
        assertThat(first.published()).isEqualTo(65);
        assertThat(first.changedCodes()).contains("31", "10813", "10816").doesNotContain("30", "294", "10861", "BGDDT");
        StoredUnit haiPhong = oldStore.find("31").orElseThrow();
        assertThat(haiPhong.version()).isEqualTo(2);
        assertThat(haiPhong.published()).isTrue();
        assertThat(haiPhong.unit().predecessors()).extracting(p -> p.code() + " " + p.kind())
                .containsExactly("30 FULL", "31 FULL");
        assertThat(oldStore.find("30").orElseThrow().version()).isEqualTo(1);
        List<ConsumerRecord<String, String>> sent = TopicRecords.read(broker, Topics.UNITS).stream()
                .skip(unitsEnd).toList();
        assertThat(sent).hasSize(65);
        assertThat(sent).filteredOn(r -> r.key().equals("10816")).singleElement().satisfies(r -> {
            assertThat(TopicRecords.header(r, CloudEventHeaders.ID)).isEqualTo("unit-10816-v2");
            assertThat(json.readTree(r.value()).get("predecessors").toString()).isEqualTo(
                    "[{\"code\":\"10816\",\"kind\":\"PARTIAL\"},{\"code\":\"10825\",\"kind\":\"FULL\"},"
                            + "{\"code\":\"10828\",\"kind\":\"PARTIAL\"}]");
        });

        UnitImport.Result again = upgrade.importUnits(ProvinceSelection.parse("30"));

        assertThat(again.changed()).isZero();
        assertThat(again.published()).isZero();
        assertThat(TopicRecords.endOffset(broker, Topics.UNITS)).isEqualTo(unitsEnd + 65);
    }

    @Test
    void unknownUnitsAndDaysAreProblems() throws Exception {
        mvc.perform(get("/units/99999")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("no unit 99999"));
        mvc.perform(get("/units/294").param("asOf", "2025-07-01")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("unit 294 does not exist on 2025-07-01"));
        mvc.perform(get("/units/294/children").param("asOf", "1 July")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("asOf"));
    }

    @Test
    void theCatalogueHasTheSeventeenIndicators() throws Exception {
        // indicators added by other tests of this class start with TEST_
        JsonNode all = json.readTree(mvc.perform(get("/indicators")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(all.valueStream().map(i -> i.get("code").asString()).filter(c -> !c.startsWith("TEST_")))
                .hasSize(17);
        mvc.perform(get("/indicators/GDNN_INTAKE_RATE")).andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("RATIO"))
                .andExpect(jsonPath("$.aggregation").value("RATIO_OF_SUMS"))
                .andExpect(jsonPath("$.unitOfMeasure").value("%"))
                .andExpect(jsonPath("$.numeratorLabel").value("Số học sinh tốt nghiệp THCS, THPT vào học giáo dục nghề nghiệp"));
        mvc.perform(get("/indicators/GDNN_TEACHERS")).andExpect(jsonPath("$.aggregation").value("SUM"))
                .andExpect(jsonPath("$.countNature").value("STOCK"));
        mvc.perform(get("/indicators/NOPE")).andExpect(status().isNotFound());
    }

    @Test
    void aRefusedPlanNamesTheFieldAndIsNeitherStoredNorPublished() throws Exception {
        long plansEnd = TopicRecords.endOffset(broker, Topics.PLANS);
        int stored = plansListed();

        postPlan(PROVINCE_PLAN.replace("\"indicator\":\"GDNN_INTAKE_RATE\"", "\"indicator\":\"GDNN_INTAKE\""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("targets[0].indicator"))
                .andExpect(jsonPath("$.errors[0].message").value("unknown indicator GDNN_INTAKE"));
        postPlan(PROVINCE_PLAN.replace("\"10507\"", "\"99999\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reportingUnits[2]"))
                .andExpect(jsonPath("$.errors[0].message").value("unknown unit 99999"));
        postPlan(PROVINCE_PLAN.replace("\"number\":\"2625/KH-UBND\",", ""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("number"))
                .andExpect(jsonPath("$.errors[0].message").value("is required"));
        postPlan(PROVINCE_PLAN.replace("\"horizonStart\":2024", "\"horizonStart\":\"soon\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("horizonStart"));
        postPlan(PROVINCE_PLAN.replace("\"upper\":55", "\"upper\":[55]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("targets[0].upper"));
        postPlan("{\"number\":").andExpect(status().isBadRequest());

        assertThat(plansListed()).isEqualTo(stored);
        assertThat(TopicRecords.endOffset(broker, Topics.PLANS)).isEqualTo(plansEnd);
    }

    @Test
    void issuingAPlanPublishesOnePlanIssuedWithComputedPeriods() throws Exception {
        postPlan(PROVINCE_PLAN).andExpect(status().isCreated())
                .andExpect(header().string("Location", endsWith("/plans/KH-30-2023-2625")))
                .andExpect(jsonPath("$.planId").value("KH-30-2023-2625"))
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.issuedVersion").value(0))
                .andExpect(jsonPath("$.programme.periods", hasSize(1)));
        assertThat(TopicRecords.read(broker, Topics.PLANS)).noneMatch(r -> r.key().equals("KH-30-2023-2625"));

        mvc.perform(post("/plans/KH-30-2023-2625/issue")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ISSUED"))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.issuedVersion").value(1))
                .andExpect(jsonPath("$.published").value(true))
                .andExpect(jsonPath("$.issuedAt").exists());

        List<ConsumerRecord<String, String>> issued = TopicRecords.read(broker, Topics.PLANS).stream()
                .filter(r -> r.key().equals("KH-30-2023-2625")).toList();
        assertThat(issued).hasSize(1);
        ConsumerRecord<String, String> record = issued.get(0);
        assertThat(TopicRecords.header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.PLAN_ISSUED);
        assertThat(TopicRecords.header(record, CloudEventHeaders.SUBJECT)).isEqualTo("KH-30-2023-2625");
        assertThat(TopicRecords.header(record, CloudEventHeaders.ID)).isEqualTo("plan-KH-30-2023-2625-v1");
        assertThat(TopicRecords.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/cascade/plan-service");
        JsonNode y2024 = json.readTree(record.value()).get("programme").get("periods").get(0);
        assertThat(y2024.get("id").asString()).isEqualTo("2024");
        assertThat(y2024.get("cutOffStart").asString()).isEqualTo("2023-12-15");
        assertThat(y2024.get("cutOffEnd").asString()).isEqualTo("2024-12-14");
        assertThat(y2024.get("deadlines").get("COMMUNE").asString()).isEqualTo("2024-12-05");
        assertThat(y2024.get("deadlines").get("PROVINCE").asString()).isEqualTo("2024-12-16"); // 15th: Sunday
        GoldenFiles.assertMatches(EventTypes.PLAN_ISSUED, record.value());

        long plansEnd = TopicRecords.endOffset(broker, Topics.PLANS);
        mvc.perform(post("/plans/KH-30-2023-2625/issue")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("plan KH-30-2023-2625 is already issued"));
        mvc.perform(put("/plans/KH-30-2023-2625").contentType(MediaType.APPLICATION_JSON).content(PROVINCE_PLAN))
                .andExpect(status().isConflict());
        postPlan(PROVINCE_PLAN.replace("2625/KH-UBND", "2626/KH-UBND")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("programme.code"));
        postPlan(PROVINCE_PLAN).andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("number"));
        assertThat(TopicRecords.endOffset(broker, Topics.PLANS)).isEqualTo(plansEnd);
    }

    @Test
    void aDraftCanBeRevisedUntilItIsIssued() throws Exception {
        String draft = PROVINCE_PLAN.replace("2625/KH-UBND", "77/KH-UBND").replace("HD-GDNN-ANNUAL", "HD-DRAFT");
        postPlan(draft).andExpect(status().isCreated()).andExpect(jsonPath("$.planId").value("KH-30-2023-77"));

        mvc.perform(put("/plans/KH-30-2023-77").contentType(MediaType.APPLICATION_JSON)
                        .content(draft.replace("\"horizonEnd\":2024", "\"horizonEnd\":2025")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.programme.periods", hasSize(2)));
        mvc.perform(put("/plans/KH-30-2023-77").contentType(MediaType.APPLICATION_JSON)
                        .content(draft.replace("77/KH-UBND", "78/KH-UBND")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.errors[0].field").value("number"));
        mvc.perform(get("/plans")).andExpect(jsonPath("$[?(@.planId == 'KH-30-2023-77')].status").value("DRAFT"));
        mvc.perform(get("/plans/KH-00-0000-0")).andExpect(status().isNotFound());
        mvc.perform(post("/plans/KH-00-0000-0/issue")).andExpect(status().isNotFound());
    }

    @Test
    void unitUpsertedAsPublishedMatchesItsGolden() {
        ConsumerRecord<String, String> thanhHa = TopicRecords.read(broker, Topics.UNITS).stream()
                .filter(r -> r.key().equals("10813")).findFirst().orElseThrow();
        assertThat(TopicRecords.header(thanhHa, CloudEventHeaders.ID)).isEqualTo("unit-10813-v1");
        assertThat(json.readTree(thanhHa.value()).get("placements")).hasSize(2);

        // The golden is the second version of 10813: first stored from the 2025-03 list alone, then with the
        // 2025-07 list too. Same store, event and serializer as above, in a database of its own.
        UnitStore store = new UnitStore(new MongoTemplate(mongoClient, "plan-service-golden-units"));
        AdministrativeUnit now = unitRegister.unit("10813").orElseThrow();
        store.upsert(List.of(new AdministrativeUnit("10813", List.of(now.placements().get(0)))),
                Instant.parse("2025-03-01T00:00:00Z"));
        store.markPublished(store.unpublished());
        store.upsert(List.of(now), Instant.parse("2025-07-01T00:00:00Z"));
        StoredUnit changed = store.unpublished().get(0);
        OutboxEvent event = unitPublication.event(changed);

        assertThat(event.eventId()).isEqualTo("unit-10813-v2");
        GoldenFiles.assertMatches(EventTypes.UNIT_UPSERTED, event.payloadText());
    }

    @Test
    void whatWasStoredButNotPublishedGoesOutWithThePendingPublications() throws Exception {
        // as if the process had stopped between the write and the send
        unitStore.upsert(List.of(new AdministrativeUnit("TEST-AGENCY", List.of(new UnitPlacement("2025-07",
                LocalDate.of(2025, 7, 1), null, "Trường Cao đẳng thử nghiệm", "Trường", UnitLevel.AGENCY, "BGDDT")))),
                Instant.parse("2025-08-01T00:00:00Z"));
        postPlan(PROVINCE_PLAN.replace("2625/KH-UBND", "88/KH-UBND").replace("HD-GDNN-ANNUAL", "HD-PENDING"))
                .andExpect(status().isCreated());
        Plan draft = plans.get("KH-30-2023-88");
        planStore.replace(draft.issue(draft.periods(), List.of(), List.of(), Instant.parse("2024-12-01T00:00:00Z"),
                "planner-30"), draft.version());
        mvc.perform(get("/plans/KH-30-2023-88")).andExpect(jsonPath("$.status").value("ISSUED"))
                .andExpect(jsonPath("$.published").value(false));

        pendingPublications.publishPending();

        assertThat(TopicRecords.read(broker, Topics.UNITS)).filteredOn(r -> r.key().equals("TEST-AGENCY"))
                .singleElement().satisfies(r -> assertThat(TopicRecords.header(r, CloudEventHeaders.ID))
                        .isEqualTo("unit-TEST-AGENCY-v1"));
        assertThat(TopicRecords.read(broker, Topics.PLANS)).filteredOn(r -> r.key().equals("KH-30-2023-88"))
                .hasSize(1);
        assertThat(unitStore.find("TEST-AGENCY").orElseThrow().published()).isTrue();
        mvc.perform(get("/plans/KH-30-2023-88")).andExpect(jsonPath("$.published").value(true));

        long unitsEnd = TopicRecords.endOffset(broker, Topics.UNITS);
        long plansEnd = TopicRecords.endOffset(broker, Topics.PLANS);
        pendingPublications.publishPending();
        assertThat(TopicRecords.endOffset(broker, Topics.UNITS)).isEqualTo(unitsEnd);
        assertThat(TopicRecords.endOffset(broker, Topics.PLANS)).isEqualTo(plansEnd);
    }

    @Test
    void aSendTheBrokerRefusesFailsAtOnceRatherThanAfterTheAcknowledgementTimeout() {
        long plansEnd = TopicRecords.endOffset(broker, Topics.PLANS);
        // over the producer's max.request.size (8 MB, checked before compression)
        CompletableFuture<?> receipt = producer.send(events.composeWithId("too-large-1", EventTypes.PLAN_ISSUED,
                Topics.PLANS, "TEST", "TEST", Instant.parse("2024-12-01T00:00:00Z"),
                Map.of("blob", "x".repeat(9_000_000))));

        await().atMost(Duration.ofSeconds(20)).until(receipt::isDone);
        assertThat(receipt).isCompletedExceptionally();
        assertThat(TopicRecords.endOffset(broker, Topics.PLANS)).isEqualTo(plansEnd);
    }

    @Test
    void aPlanEventOfANationalPlanWithItsSuccessionsGoesThroughTheBrokersOneMegabyteLimit() throws Exception {
        // the shape and size of a national plan's successions: 10,047 communes, each with its successor and the basis
        // of the reform, over 2 MB of JSON; the embedded broker keeps Kafka's default message.max.bytes (1 MB)
        List<Map<String, Object>> successions = new java.util.ArrayList<>();
        for (int i = 0; i < 10_047; i++) {
            successions.add(Map.of("unitCode", String.format("%05d", i), "from", "2025-07-01", "reason", "MERGED",
                    "successors", List.of(Map.of("unitCode", String.format("%05d", i / 3 * 3 + 1), "partial", i % 7 == 0)),
                    "basis", "Các Nghị quyết 1654–1687/NQ-UBTVQH15 về sắp xếp đơn vị hành chính cấp xã năm 2025, "
                            + "từ 01/07/2025"));
        }
        var event = events.composeWithId("national-1", EventTypes.PLAN_ISSUED, Topics.PLANS, "NATIONAL", "NATIONAL",
                Instant.parse("2024-12-01T00:00:00Z"), Map.of("successions", successions));
        assertThat(event.payload().length).isGreaterThan(2_000_000);

        producer.send(event).get(30, java.util.concurrent.TimeUnit.SECONDS);

        ConsumerRecord<String, String> read = TopicRecords.read(broker, Topics.PLANS).stream()
                .filter(r -> r.key().equals("NATIONAL")).findFirst().orElseThrow();
        assertThat(read.value()).isEqualTo(event.payloadText());
    }

    private ResultActions postPlan(String body) throws Exception {
        return mvc.perform(post("/plans").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private int plansListed() throws Exception {
        String body = mvc.perform(get("/plans")).andReturn().getResponse().getContentAsString();
        return json.readTree(body).size();
    }
    @Test
    void searchByNameIgnoresDiacriticsAndCaseAndUsesTheNameOfTheDay() throws Exception {
        mvc.perform(get("/units").param("name", "thanh ha")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", hasItem("294")))
                .andExpect(jsonPath("$[*].code", hasItem("10813")))
                .andExpect(jsonPath("$[?(@.code=='294')].name").value(hasItem("Huyện Thanh Hà")));
        mvc.perform(get("/units").param("name", "THANH  HÀ").param("level", "DISTRICT"))
                .andExpect(jsonPath("$[*].code").value(contains("294")));
        mvc.perform(get("/units").param("name", "thi tran thanh ha"))
                .andExpect(jsonPath("$[*].code").value(contains("10813")));
        // after the reform the district is gone and the township is "Xã Thanh Hà"
        mvc.perform(get("/units").param("name", "thanh ha").param("asOf", "2025-07-01"))
                .andExpect(jsonPath("$[*].code", hasItem("10813")))
                .andExpect(jsonPath("$[?(@.code=='10813')].name").value(hasItem("Xã Thanh Hà")))
                .andExpect(jsonPath("$[?(@.code=='294')]").isEmpty());
        mvc.perform(get("/units").param("name", "hai duong").param("level", "PROVINCE"))
                .andExpect(jsonPath("$[*].code").value(contains("30")));
        mvc.perform(get("/units").param("name", "x")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(get("/units").param("name", "thanh").param("level", "VILLAGE")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("level"));
    }

    @Test
    void theSubtreeAndThePathToTheRootFollowTheHierarchyOfTheDay() throws Exception {
        mvc.perform(get("/units/294/subtree").param("asOf", "2025-06-30")).andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(17)))
                .andExpect(jsonPath("$[0].code").value("294"))
                .andExpect(jsonPath("$[0].depth").value(0))
                .andExpect(jsonPath("$[1].code").value("10813"))
                .andExpect(jsonPath("$[1].depth").value(1))
                .andExpect(jsonPath("$[1].parentCode").value("294"));
        Set<String> districts = unitRegister.entries(dev.cascade.plan.unit.domain.Hierarchy.FOUR_LEVEL_2025_03)
                .stream().filter(e -> e.parentCode().equals("30")).map(e -> e.code()).collect(Collectors.toSet());
        long communes = unitRegister.entries(dev.cascade.plan.unit.domain.Hierarchy.FOUR_LEVEL_2025_03).stream()
                .filter(e -> districts.contains(e.parentCode())).count();
        // agencies attached by other tests of this class hang in the subtree too
        mvc.perform(get("/units/30/subtree").param("asOf", "2024-12-07"))
                .andExpect(jsonPath("$[?(@.level != 'AGENCY')]", hasSize((int) (1 + districts.size() + communes))))
                .andExpect(jsonPath("$[?(@.level == 'COMMUNE' && @.depth == 2)]", hasSize((int) communes)));

        mvc.perform(get("/units/10813/path").param("asOf", "2025-06-30")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code").value(contains("10813", "294", "30", "BGDDT")))
                .andExpect(jsonPath("$[*].level").value(contains("COMMUNE", "DISTRICT", "PROVINCE", "MINISTRY")));
        mvc.perform(get("/units/10813/path").param("asOf", "2025-07-01"))
                .andExpect(jsonPath("$[*].code").value(contains("10813", "31", "BGDDT")));
        mvc.perform(get("/units/294/path").param("asOf", "2025-07-01")).andExpect(status().isNotFound());
    }

    @Test
    void anAgencyIsAttachedUnderATerritorialUnitPublishedOnceAndEndsWithIt() throws Exception {
        long unitsEnd = TopicRecords.endOffset(broker, Topics.UNITS);
        String body = """
                {"name":"Phòng Lao động - Thương binh và Xã hội huyện Gia Lộc","type":"Phòng","parentCode":"288"}""";
        mvc.perform(put("/units/TEST-288-PLDTBXH").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("created"))
                .andExpect(jsonPath("$.unit.version").value(1));
        mvc.perform(put("/units/TEST-288-PLDTBXH").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("unchanged"));
        assertThat(TopicRecords.endOffset(broker, Topics.UNITS)).isEqualTo(unitsEnd + 1);
        ConsumerRecord<String, String> record = TopicRecords.read(broker, Topics.UNITS).stream()
                .filter(r -> r.key().equals("TEST-288-PLDTBXH")).findFirst().orElseThrow();
        JsonNode unit = json.readTree(record.value());
        assertThat(unit.get("placements")).hasSize(1);
        assertThat(unit.get("placements").get(0).get("level").asString()).isEqualTo("AGENCY");
        assertThat(unit.get("placements").get(0).get("parentCode").asString()).isEqualTo("288");
        assertThat(unit.get("placements").get(0).get("validTo").asString()).isEqualTo("2025-06-30");

        mvc.perform(get("/units/TEST-288-PLDTBXH/path").param("asOf", "2025-01-01"))
                .andExpect(jsonPath("$[*].code").value(contains("TEST-288-PLDTBXH", "288", "30", "BGDDT")));
        mvc.perform(get("/units/TEST-288-PLDTBXH").param("asOf", "2025-07-01")).andExpect(status().isNotFound());
        mvc.perform(get("/units").param("name", "XA HOI huyen gia loc"))
                .andExpect(jsonPath("$[*].code").value(contains("TEST-288-PLDTBXH")));
    }

    @Test
    void badAgenciesAreRefusedByFieldAndOfficialCodesAreNotOverwritten() throws Exception {
        long unitsEnd = TopicRecords.endOffset(broker, Topics.UNITS);
        mvc.perform(put("/units/10813").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"type\":\"Phòng\",\"parentCode\":\"99999\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(contains("code", "parentCode")));
        mvc.perform(put("/units/TEST-X").contentType(MediaType.APPLICATION_JSON).content("{\"parentCode\":\"30\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("name", "type")));
        mvc.perform(put("/units/BGDDT").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"type\":\"Bộ\",\"parentCode\":\"30\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("code"));
        mvc.perform(get("/units/BGDDT")).andExpect(jsonPath("$.name").value("Bộ Giáo dục và Đào tạo"));
        assertThat(TopicRecords.endOffset(broker, Topics.UNITS)).isEqualTo(unitsEnd);
    }

    @Test
    void importingAListAgainOverHttpReportsThatNothingChanged() throws Exception {
        mvc.perform(post("/units/imports").contentType(MediaType.APPLICATION_JSON).content("{\"provinces\":\"30\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.units").value(222))
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.changed").value(0))
                .andExpect(jsonPath("$.unchanged").value(222))
                .andExpect(jsonPath("$.createdCodes", hasSize(0)));
        mvc.perform(post("/units/imports").contentType(MediaType.APPLICATION_JSON).content("{\"provinces\":\"99\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("provinces"))
                .andExpect(jsonPath("$.errors[0].message").value("not a province code of the 2025-03 list: 99"));
    }

    @Test
    void theCatalogueIsExtendedThroughTheApi() throws Exception {
        String dropout = """
                {"code":"TEST_DROPOUT_RATE","name":"Tỷ lệ người học bỏ học","unitOfMeasure":"%","kind":"RATIO",
                 "numeratorLabel":"Số người học bỏ học","denominatorLabel":"Số người học"}""";
        mvc.perform(post("/indicators").contentType(MediaType.APPLICATION_JSON).content(dropout))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", endsWith("/indicators/TEST_DROPOUT_RATE")))
                .andExpect(jsonPath("$.aggregation").value("RATIO_OF_SUMS"));
        mvc.perform(post("/indicators").contentType(MediaType.APPLICATION_JSON).content(dropout))
                .andExpect(status().isOk());
        mvc.perform(post("/indicators").contentType(MediaType.APPLICATION_JSON)
                        .content(dropout.replace("bỏ học\",\"unit", "thôi học\",\"unit")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.errors[0].field").value("code"));
        mvc.perform(get("/indicators/TEST_DROPOUT_RATE")).andExpect(jsonPath("$.name").value("Tỷ lệ người học bỏ học"));

        mvc.perform(post("/indicators").contentType(MediaType.APPLICATION_JSON).content("""
                        {"code":"TEST_x","name":"n","unitOfMeasure":"người","kind":"COUNT","aggregation":"RATIO_OF_SUMS",
                         "numeratorLabel":"a"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("code", "aggregation", "countNature",
                        "numeratorLabel")));
        mvc.perform(post("/indicators").contentType(MediaType.APPLICATION_JSON).content("""
                        {"code":"TEST_RATIO","name":"n","unitOfMeasure":"%","kind":"RATIO"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("numeratorLabel", "denominatorLabel")));
        mvc.perform(get("/indicators/TEST_RATIO")).andExpect(status().isNotFound());
    }
    @Test
    void anIssuedPlanIsAmendedAsAWholeNewVersionThenRevoked() throws Exception {
        String plan = PROVINCE_PLAN.replace("2625/KH-UBND", "55/KH-UBND").replace("HD-GDNN-ANNUAL", "HD-AMEND");
        postPlan(plan).andExpect(status().isCreated());
        mvc.perform(post("/plans/KH-30-2023-55/issue")).andExpect(status().isOk());
        long plansEnd = TopicRecords.endOffset(broker, Topics.PLANS);

        // refused amendments: nothing stored, nothing published
        mvc.perform(post("/plans/KH-30-2023-55/amendments").contentType(MediaType.APPLICATION_JSON)
                        .content(plan.replace("HD-AMEND", "HD-OTHER")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.errors[0].field").value("programme.code"));
        mvc.perform(post("/plans/KH-30-2023-55/amendments").contentType(MediaType.APPLICATION_JSON)
                        .content(plan.replace("\"GDNN_NEW_ENROLMENT\"]", "\"NOPE\"]")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("programme.indicators[1]"));
        mvc.perform(put("/plans/KH-30-2023-55").contentType(MediaType.APPLICATION_JSON).content(plan))
                .andExpect(status().isConflict());
        assertThat(TopicRecords.endOffset(broker, Topics.PLANS)).isEqualTo(plansEnd);
        mvc.perform(get("/plans/KH-30-2023-55")).andExpect(jsonPath("$.status").value("ISSUED"))
                .andExpect(jsonPath("$.issuedVersion").value(1));

        String amendment = plan.replace("\"horizonEnd\":2024", "\"horizonEnd\":2025")
                .replace("\"reportingUnits\":[\"10813\",\"10816\",\"10507\"]",
                        "\"reportingUnits\":[\"10813\",\"10816\",\"10507\",\"10825\"]");
        mvc.perform(post("/plans/KH-30-2023-55/amendments").contentType(MediaType.APPLICATION_JSON).content(amendment))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("AMENDED"))
                .andExpect(jsonPath("$.issuedVersion").value(2))
                .andExpect(jsonPath("$.published").value(true))
                .andExpect(jsonPath("$.programme.periods", hasSize(2)))
                .andExpect(jsonPath("$.reportingUnits", hasSize(4)));
        ConsumerRecord<String, String> amended = TopicRecords.read(broker, Topics.PLANS).stream()
                .filter(r -> r.key().equals("KH-30-2023-55")).reduce((a, b) -> b).orElseThrow();
        assertThat(TopicRecords.header(amended, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.PLAN_AMENDED);
        assertThat(TopicRecords.header(amended, CloudEventHeaders.ID)).isEqualTo("plan-KH-30-2023-55-v2");
        JsonNode payload = json.readTree(amended.value());
        assertThat(payload.get("version").asLong()).isEqualTo(2);
        assertThat(payload.get("reportingUnits").valueStream().map(JsonNode::asString).toList())
                .containsExactly("10813", "10816", "10507", "10825");
        GoldenFiles.assertMatches(EventTypes.PLAN_AMENDED, amended.value());

        mvc.perform(post("/plans/KH-30-2023-55/revocation").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"revokedOn\":\"31/12/2024\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("revokedOn"));
        mvc.perform(post("/plans/KH-30-2023-55/revocation").contentType(MediaType.APPLICATION_JSON).content("""
                        {"revokedOn":"2024-12-31","revokedBy":"15/QĐ-UBND",
                         "reason":"Thay thế bằng Kế hoạch số 60/KH-UBND"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"))
                .andExpect(jsonPath("$.issuedVersion").value(3))
                .andExpect(jsonPath("$.revocation.revokedBy").value("15/QĐ-UBND"));
        ConsumerRecord<String, String> revoked = TopicRecords.read(broker, Topics.PLANS).stream()
                .filter(r -> r.key().equals("KH-30-2023-55")).reduce((a, b) -> b).orElseThrow();
        assertThat(TopicRecords.header(revoked, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.PLAN_REVOKED);
        assertThat(TopicRecords.header(revoked, CloudEventHeaders.ID)).isEqualTo("plan-KH-30-2023-55-v3");
        GoldenFiles.assertMatches(EventTypes.PLAN_REVOKED, revoked.value());

        long afterRevocation = TopicRecords.endOffset(broker, Topics.PLANS);
        mvc.perform(post("/plans/KH-30-2023-55/revocation")).andExpect(status().isConflict());
        mvc.perform(post("/plans/KH-30-2023-55/amendments").contentType(MediaType.APPLICATION_JSON).content(amendment))
                .andExpect(status().isConflict());
        mvc.perform(post("/plans/KH-30-2023-55/issue")).andExpect(status().isConflict());
        assertThat(TopicRecords.endOffset(broker, Topics.PLANS)).isEqualTo(afterRevocation);
        mvc.perform(get("/plans")).andExpect(jsonPath("$[?(@.planId == 'KH-30-2023-55')].status").value("REVOKED"));
    }

    @Test
    void aDraftCannotBeRevokedOrAmended() throws Exception {
        String draft = PROVINCE_PLAN.replace("2625/KH-UBND", "56/KH-UBND").replace("HD-GDNN-ANNUAL", "HD-DRAFT-56");
        postPlan(draft).andExpect(status().isCreated());
        mvc.perform(post("/plans/KH-30-2023-56/revocation")).andExpect(status().isConflict());
        mvc.perform(post("/plans/KH-30-2023-56/amendments").contentType(MediaType.APPLICATION_JSON).content(draft))
                .andExpect(status().isConflict());
        mvc.perform(post("/plans/KH-00-0000-0/revocation")).andExpect(status().isNotFound());
    }
    @Test
    void theFiveSeedPlansAreListedAndReadWithTheirTargetsTasksAndReportingDuties() throws Exception {
        mvc.perform(get("/plans")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.planId == 'KH-89-2025-AG-CT21')].status").value(contains("ISSUED")))
                .andExpect(jsonPath("$[?(@.planId == 'KH-294-2023-CT21')].tasks").value(contains(8)))
                .andExpect(jsonPath("$[?(@.planId == 'KH-196-2023-2203')].targets").value(contains(12)))
                .andExpect(jsonPath("$[?(@.planId == 'KH-196-2023-2203')].reportingUnits").value(contains(14)))
                .andExpect(jsonPath("$[?(@.planId == 'KH-92-BTVTU-2023-CT21-KH')].issuerUnitCode")
                        .value(contains("92-BTVTU")))
                .andExpect(jsonPath("$[?(@.planId == 'KH-68-SGDDT-2025-5881-SGDDT')].programme")
                        .value(contains("LD-SGDDT-5881-ANNUAL")));

        // seed 002 (Uông Bí, OCR): the twelve 2030 targets, eight tasks, the 5-year interim review
        mvc.perform(get("/plans/KH-196-2023-2203")).andExpect(status().isOk())
                .andExpect(jsonPath("$.number").value("2203/KH-UBND"))
                .andExpect(jsonPath("$.issueDate").value("2023-10-23"))
                .andExpect(jsonPath("$.basis").value(contains("21-CT/TW", "319-KH/TU", "215-KH/TU", "262/KH-UBND")))
                .andExpect(jsonPath("$.targets[0].indicator").value("GDNN_INTAKE_RATE"))
                .andExpect(jsonPath("$.targets[0].comparator").value("RANGE"))
                .andExpect(jsonPath("$.targets[0].value").value(50))
                .andExpect(jsonPath("$.targets[0].upper").value(55))
                .andExpect(jsonPath("$.targets[?(@.indicator == 'TRAINED_LABOUR_RATE')].value").value(contains(90)))
                .andExpect(jsonPath("$.targets[?(@.indicator == 'ACCREDITED_INSTITUTIONS_RATE')].value")
                        .value(contains(70)))
                .andExpect(jsonPath("$.tasks", hasSize(8)))
                .andExpect(jsonPath("$.tasks[0].leadUnit").value("196-PLDTBXH"))
                .andExpect(jsonPath("$.tasks[2].cooperatingUnits", hasItem("196-PKT")))
                .andExpect(jsonPath("$.programme.frequency").value("INTERIM_REVIEW_5Y"))
                .andExpect(jsonPath("$.programme.periods[0].id").value("2023-2027"))
                .andExpect(jsonPath("$.programme.periods[0].cutOffEnd").value("2027-12-14"))
                .andExpect(jsonPath("$.programme.periods[0].deadlines.COMMUNE").value("2027-12-17"));
        // seed 004 (Lâm Đồng department): its offices report before 1 November each year, a warning under Art. 8.5
        mvc.perform(get("/plans/KH-68-SGDDT-2025-5881-SGDDT")).andExpect(status().isOk())
                .andExpect(jsonPath("$.issuerUnitCode").value("68-SGDDT"))
                .andExpect(jsonPath("$.tasks[*].number").value(contains("1", "2", "3", "5", "6", "7", "8", "9", "10",
                        "11")))
                .andExpect(jsonPath("$.programme.periods[0].id").value("2025"))
                .andExpect(jsonPath("$.programme.periods[0].deadlines.AGENCY").value("2025-11-03"))
                .andExpect(jsonPath("$.warnings[0].field").value("programme.deadlines.AGENCY"));
        // seed 003 (party committee of Cần Thơ): the propaganda board reports the final review
        mvc.perform(get("/plans/KH-92-BTVTU-2023-CT21-KH")).andExpect(status().isOk())
                .andExpect(jsonPath("$.reportingUnits").value(contains("92-BTGTU")))
                .andExpect(jsonPath("$.programme.periods[0].id").value("2023-2030"));
        // seed 000 (An Giang): the department reports to the province when it asks (the demo asks for one period)
        mvc.perform(get("/plans/KH-89-2025-AG-CT21")).andExpect(status().isOk())
                .andExpect(jsonPath("$.tasks", hasSize(9)))
                .andExpect(jsonPath("$.tasks[8].cooperatingUnits").value(contains("89-STC")))
                .andExpect(jsonPath("$.programme.frequency").value("AD_HOC"))
                .andExpect(jsonPath("$.programme.periods", hasSize(1)))
                .andExpect(jsonPath("$.programme.periods[0].id").value("2025-SK"));
        mvc.perform(get("/units/92-BTGTU/path").param("asOf", "2025-07-01"))
                .andExpect(jsonPath("$[*].code").value(contains("92-BTGTU", "92-BTVTU", "92", "BGDDT")));
    }

    @Test
    void theSeedPlansArePublishedAndShownWithTheirSuccessionsAcrossTheReform() throws Exception {
        // seed 002: Uông Bí's interim review 2023-2027 ends after 1 July 2025
        mvc.perform(get("/plans/KH-196-2023-2203")).andExpect(status().isOk())
                .andExpect(jsonPath("$.successions", hasSize(15)))
                .andExpect(jsonPath("$.successions[0].unitCode").value("196"))
                .andExpect(jsonPath("$.successions[0].from").value("2025-07-01"))
                .andExpect(jsonPath("$.successions[0].reason").value("LEVEL_ABOLISHED"))
                .andExpect(jsonPath("$.successions[0].successors[*].unitCode").value(contains("22")))
                .andExpect(jsonPath("$.successions[0].basis").value("Luật Tổ chức chính quyền địa phương 2025: kết"
                        + " thúc hoạt động của đơn vị hành chính cấp huyện từ 01/07/2025"))
                .andExpect(jsonPath("$.successions[?(@.unitCode == '196-PGDDT')].reason")
                        .value(contains("LEVEL_ABOLISHED")))
                .andExpect(jsonPath("$.successions[?(@.unitCode == '06820')].successors[*].unitCode")
                        .value(contains("06811", "06820")))
                .andExpect(jsonPath("$.successions[?(@.unitCode == '06820')].successors[*].partial")
                        .value(contains(true, true)))
                .andExpect(jsonPath("$.successions[?(@.unitCode == '06811')].successors[*].unitCode")
                        .value(contains("06811")));
        PlanIssued uongBi = json.readValue(TopicRecords.read(broker, Topics.PLANS).stream()
                .filter(r -> r.key().equals("KH-196-2023-2203")).reduce((a, b) -> b).orElseThrow().value(),
                PlanIssued.class);
        assertThat(uongBi.successions()).hasSize(15)
                .isEqualTo(planStore.find("KH-196-2023-2203").orElseThrow().successions());
        assertThat(uongBi.reportersOn(LocalDate.of(2027, 12, 14))).extracting(PeriodReporter::unitCode)
                .containsExactly("06820", "06811", "06832");
        assertThat(uongBi.issuerOn(LocalDate.of(2027, 12, 14))).isEqualTo("22");
        // seed 001: Thanh Hà's communes and district 294, which went to Hải Phòng 31 with Hải Dương
        PlanIssued thanhHa = json.readValue(TopicRecords.read(broker, Topics.PLANS).stream()
                .filter(r -> r.key().equals(DEMO_PLAN)).reduce((a, b) -> b).orElseThrow().value(), PlanIssued.class);
        assertThat(thanhHa.successions()).hasSize(17);
        assertThat(thanhHa.issuerOn(LocalDate.of(2025, 12, 14))).isEqualTo("31");
        assertThat(thanhHa.reportersOn(LocalDate.of(2024, 12, 14))).extracting(PeriodReporter::unitCode)
                .isEqualTo(THANH_HA_COMMUNES);
        // 003 and 004: agencies of provinces whose codes continue
        for (String continuing : List.of("KH-92-BTVTU-2023-CT21-KH", "KH-68-SGDDT-2025-5881-SGDDT")) {
            mvc.perform(get("/plans/" + continuing)).andExpect(jsonPath("$.status").value("ISSUED"))
                    .andExpect(jsonPath("$.successions", hasSize(0)));
        }
        // seed 000: An Giang 89 went into the new An Giang 91, its department into the department of 91, an agency
        // whose predecessors name it
        PlanIssued anGiang = json.readValue(TopicRecords.read(broker, Topics.PLANS).stream()
                .filter(r -> r.key().equals("KH-89-2025-AG-CT21")).reduce((a, b) -> b).orElseThrow().value(),
                PlanIssued.class);
        assertThat(anGiang.reportersOn(LocalDate.of(2025, 12, 10)))
                .containsExactly(new PeriodReporter("91-SGDDT", List.of("89-SGDDT"), false));
        assertThat(anGiang.issuerOn(LocalDate.of(2025, 12, 10))).isEqualTo("91");
        // every unit a succession names was imported and published on cascade.units.v1
        Set<String> published = TopicRecords.read(broker, Topics.UNITS).stream().map(ConsumerRecord::key)
                .collect(Collectors.toSet());
        List<String> successors = List.of(uongBi, thanhHa, anGiang).stream().flatMap(p -> p.successions().stream())
                .flatMap(s -> s.successors().stream()).map(SuccessorUnit::unitCode).distinct().toList();
        assertThat(successors).contains("22", "31", "06811", "06820", "06832", "10660", "10756", "11086", "91",
                "91-SGDDT");
        assertThat(published).containsAll(successors);
    }

    @Test
    void aPlanWhoseUnitCannotBeResolvedAfterTheReformIsRefusedWhenIssuedOrAmendedAndNothingChanges()
            throws Exception {
        // a department of Hải Dương: the province merged into Hải Phòng on 1 July 2025, its department ended with it
        mvc.perform(put("/units/TEST-30-SO").contentType(MediaType.APPLICATION_JSON).content("""
                        {"name":"Sở thử nghiệm tỉnh Hải Dương","type":"Sở","parentCode":"30"}"""))
                .andExpect(status().isCreated());
        String plan = PROVINCE_PLAN.replace("2625/KH-UBND", "90/KH-UBND").replace("HD-GDNN-ANNUAL", "HD-UNRESOLVED")
                .replace("\"MINISTRY\":\"12-25\"}", "\"MINISTRY\":\"12-25\",\"AGENCY\":\"12-05\"}")
                .replace("\"10507\"]", "\"10507\",\"TEST-30-SO\"]");
        String past2025 = plan.replace("\"horizonEnd\":2024", "\"horizonEnd\":2026");
        String message = "unit TEST-30-SO has neither a placement nor a successor on the cut-off end of periods 2025"
                + " (2025-12-14), 2026 (2026-12-14)";
        postPlan(past2025).andExpect(status().isCreated());
        long plansEnd = TopicRecords.endOffset(broker, Topics.PLANS);

        mvc.perform(post("/plans/KH-30-2023-90/issue")).andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:cascade:problem:invalid-content"))
                .andExpect(jsonPath("$.title").value("Units cannot be resolved"))
                .andExpect(jsonPath("$.errors[*].field").value(contains("reportingUnits")))
                .andExpect(jsonPath("$.errors[0].message").value(message))
                .andExpect(jsonPath("$.unresolved[0].unitCode").value("TEST-30-SO"))
                .andExpect(jsonPath("$.unresolved[0].periods").value(contains("2025", "2026")));
        mvc.perform(get("/plans/KH-30-2023-90")).andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.successions", hasSize(0)));
        assertThat(TopicRecords.endOffset(broker, Topics.PLANS)).isEqualTo(plansEnd);

        // until 2024 every period has its units: issued; an amendment reaching past the reform is refused alike
        mvc.perform(put("/plans/KH-30-2023-90").contentType(MediaType.APPLICATION_JSON).content(plan))
                .andExpect(status().isOk());
        mvc.perform(post("/plans/KH-30-2023-90/issue")).andExpect(status().isOk())
                .andExpect(jsonPath("$.successions", hasSize(0)));
        long issuedEnd = TopicRecords.endOffset(broker, Topics.PLANS);
        mvc.perform(post("/plans/KH-30-2023-90/amendments").contentType(MediaType.APPLICATION_JSON).content(past2025))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[*].field").value(contains("reportingUnits")))
                .andExpect(jsonPath("$.errors[0].message").value(message));
        mvc.perform(get("/plans/KH-30-2023-90")).andExpect(jsonPath("$.status").value("ISSUED"))
                .andExpect(jsonPath("$.version").value(3))
                .andExpect(jsonPath("$.issuedVersion").value(1))
                .andExpect(jsonPath("$.horizonEnd").value(2024));
        assertThat(TopicRecords.endOffset(broker, Topics.PLANS)).isEqualTo(issuedEnd);
    }

    @Test
    void aChildPlanMustBeIssuedBelowItsParentPlansIssuer() throws Exception {
        long plansEnd = TopicRecords.endOffset(broker, Topics.PLANS);
        String child = PROVINCE_PLAN.replace("2625/KH-UBND", "61/KH-UBND").replace("HD-GDNN-ANNUAL", "HD-CHILD")
                .replace("\"basis\":[\"21-CT/TW\"]", "\"basis\":[\"21-CT/TW\",\"KH-294-2023-CT21\"]");
        postPlan(child).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("basis[1]"))
                .andExpect(jsonPath("$.errors[0].message").value("the issuer 30 does not sit below 294, the issuer of"
                        + " the parent plan KH-294-2023-CT21, on 2023-07-21"));
        postPlan(child.replace("KH-294-2023-CT21", "KH-30-1999-1")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("basis[1]"));
        assertThat(TopicRecords.endOffset(broker, Topics.PLANS)).isEqualTo(plansEnd);
        mvc.perform(get("/plans/KH-30-2023-61")).andExpect(status().isNotFound());
    }
    @Test
    void anAdHocProgrammeGetsItsRequestedPeriodsByAmendment() throws Exception {
        String plan = PROVINCE_PLAN.replace("2625/KH-UBND", "70/KH-UBND").replace("HD-GDNN-ANNUAL", "HD-ADHOC")
                .replace("\"frequency\":\"ANNUAL\"", "\"frequency\":\"AD_HOC\"")
                .replace("{\"COMMUNE\":\"12-05\",\"DISTRICT\":\"12-10\",\"PROVINCE\":\"12-15\",\"MINISTRY\":\"12-25\"}",
                        "{\"COMMUNE\":\"+2\",\"DISTRICT\":\"+4\",\"PROVINCE\":\"+6\"}");
        postPlan(plan).andExpect(status().isCreated()).andExpect(jsonPath("$.programme.periods", hasSize(0)));
        mvc.perform(post("/plans/KH-30-2023-70/issue")).andExpect(status().isOk());
        String withPeriod = plan.replace("\"deadlines\":{", "\"adHocPeriods\":[{\"id\":\"2024-DOT1\","
                + "\"cutOffStart\":\"2024-11-01\",\"cutOffEnd\":\"2024-11-30\"}],\"deadlines\":{");
        mvc.perform(post("/plans/KH-30-2023-70/amendments").contentType(MediaType.APPLICATION_JSON).content(withPeriod))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.issuedVersion").value(2))
                .andExpect(jsonPath("$.programme.periods[0].id").value("2024-DOT1"))
                .andExpect(jsonPath("$.programme.periods[0].deadlines.COMMUNE").value("2024-12-03"))
                .andExpect(jsonPath("$.programme.periods[0].deadlines.PROVINCE").value("2024-12-09"));
        JsonNode amended = json.readTree(TopicRecords.read(broker, Topics.PLANS).stream()
                .filter(r -> r.key().equals("KH-30-2023-70")).reduce((a, b) -> b).orElseThrow().value());
        assertThat(amended.get("programme").get("periods").get(0).get("cutOffEnd").asString()).isEqualTo("2024-11-30");
    }
}
