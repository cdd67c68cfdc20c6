package dev.cascade.aggregation.query;

import dev.cascade.aggregation.hierarchy.UnitCopies;
import dev.cascade.aggregation.hierarchy.UnitCopy;
import dev.cascade.aggregation.plan.PeriodWindow;
import dev.cascade.aggregation.plan.PlanCopies;
import dev.cascade.aggregation.plan.PlanCopy;
import dev.cascade.aggregation.plan.ProgrammePeriod;
import dev.cascade.aggregation.plan.ProgrammePeriods;
import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.Parts;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.aggregation.rollup.engine.RollUpStore;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.EmbeddedMongo;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.web.RequestRefused;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The read side's queries against the embedded store, over the units, plans, programme periods and roll-ups as the
 * service keeps them: a province {@code 30} with districts {@code 294} (communes 10813, 10825) and {@code 295}
 * (commune 10837) in 2024, and commune {@code A25} formed on 1 July 2025 from 10813 and 10825.
 */
@DataMongoTest(properties = "spring.mongodb.database=cascade-aggregation-queries-test")
@Import({AggregateQueries.class, Restatements.class, PlanCopies.class, UnitCopies.class, ProgrammePeriods.class,
        RollUpStore.class})
class AggregateQueriesTest {

    static final String PROGRAMME = "HD-GDNN-ANNUAL";
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    @Autowired
    AggregateQueries queries;

    /** The shared embedded server (a database of this test's own: see {@code @DataMongoTest}). */
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
    }

    @BeforeEach
    void season2024(@Autowired MongoTemplate mongo, @Autowired UnitCopies units, @Autowired PlanCopies plans) {
        List.of(UnitCopy.class, PlanCopy.class, ProgrammePeriod.class, RollUpDocument.class)
                .forEach(stored -> mongo.remove(new Query(), stored));
        for (String[] unit : new String[][] {{"30", "PROVINCE", null}, {"294", "DISTRICT", "30"},
                {"295", "DISTRICT", "30"}, {"10813", "COMMUNE", "294"}, {"10825", "COMMUNE", "294"},
                {"10837", "COMMUNE", "295"}}) {
            units.keep(new UnitUpserted(unit[0], List.of(new UnitPlacement("2024", null, REFORM.minusDays(1),
                    "Unit " + unit[0], unit[1], UnitLevel.valueOf(unit[1]), unit[2])), 1));
        }
        units.keep(new UnitUpserted("A25", List.of(new UnitPlacement("2025", REFORM, null, "Xã An Hòa", "XA",
                UnitLevel.COMMUNE, "30")), 1, List.of(new UnitPredecessor("10813", PredecessorKind.FULL),
                new UnitPredecessor("10825", PredecessorKind.FULL))));
        plans.keep(new PlanCopy("KH-30-2024", 1, "30", PROGRAMME, List.of(),
                List.of(new PeriodWindow("2024", "2024-01-01", "2024-12-31"),
                        new PeriodWindow("2025", "2025-07-01", "2025-12-31")),
                List.of(), List.of("10813", "10825", "10837"), List.of(), null));
        mongo.insert(new ProgrammePeriod(ProgrammePeriod.id(PROGRAMME, "2024"), PROGRAMME, "2024", "2024-12-31",
                Map.of("ENROLLED", AggregationRule.SUM), Map.of("30", 3, "294", 2, "295", 1),
                List.of(new ProgrammePeriod.PlanVersion("KH-30-2024", 1)), 1, null));
        // 10813 reported 12 enrolled; 10825 reported, then withdrew; nothing yet from 10837 (295 has no roll-up)
        mongo.insert(rollUp("294", "2024", 5, report("10813", "12"), Contribution.withdrawn("10825", 2)));
    }

    static Contribution report(String commune, String enrolled) {
        BigDecimal n = new BigDecimal(enrolled);
        return new Contribution(commune, Contribution.Source.REPORT, 1, Map.of("ENROLLED",
                new Parts(n, null, null, n, n, 1)), new Completeness(1, 1, 1, 0));
    }

    static RollUpDocument rollUp(String unitCode, String period, long seq, Contribution... children) {
        Completeness counted = List.of(children).stream().map(Contribution::completeness)
                .reduce(Completeness.NONE, Completeness::plus);
        return new RollUpDocument(new AggregateKey(PROGRAMME, period, unitCode).toString(), PROGRAMME, period,
                unitCode, seq, UnitLevel.DISTRICT, "30", Instant.parse(period + "-12-20T00:00:00Z"), List.of(children),
                Map.of("ENROLLED", AggregationRule.SUM), Map.of(), counted, List.of(), List.of(), List.of(), false, 1);
    }

    static AggregateKey key(String period, String unitCode) {
        return new AggregateKey(PROGRAMME, period, unitCode);
    }

    @Test
    void missingListsTheReportingUnitsBeneathWithoutACountedReport() {
        MissingUnits province = queries.missing(key("2024", "30")).orElseThrow();
        MissingUnits district = queries.missing(key("2024", "294")).orElseThrow();

        assertThat(province.expected()).isEqualTo(3);
        assertThat(province.received()).isEqualTo(1);
        assertThat(province.missing()).containsExactly(new MissingUnits.Unit("10825", "Unit 10825", "294"),
                new MissingUnits.Unit("10837", "Unit 10837", "295"));
        assertThat(district).isEqualTo(new MissingUnits("HD-GDNN-ANNUAL|2024|294", 2, 1,
                List.of(new MissingUnits.Unit("10825", "Unit 10825", "294"))));
        assertThat(queries.missing(key("2031", "30"))).isEmpty();
    }

    @Test
    void aUnitExpectingReportersWithoutARollUpShowsNothingReportedYetAtItsPlace() {
        AggregateView view = queries.nothingReportedYet(key("2024", "295")).orElseThrow();

        assertThat(view.level()).isEqualTo(UnitLevel.DISTRICT);
        assertThat(view.parentCode()).isEqualTo("30");
        assertThat(view.completeness()).isEqualTo(new Completeness(1, 0, 0, 0));
        assertThat(view.values()).isEmpty();
        assertThat(queries.nothingReportedYet(key("2024", "10813"))).as("expects no reporter beneath").isEmpty();
        assertThat(queries.nothingReportedYet(key("2031", "295"))).as("no such period").isEmpty();
    }

    @Test
    void ancestorsAreTheUnitsAboveInThePeriodsHierarchyNearestFirst() {
        assertThat(queries.ancestors(key("2024", "10837"))).containsExactly("295", "30");
        assertThat(queries.ancestors(key("2024", "30"))).isEmpty();
        assertThat(queries.ancestors(key("2031", "10837"))).isEmpty();
    }

    @Test
    void aUnitFormedAfterThePeriodIsRestatedFromItsPredecessorsAsTheirOldParentHoldsThem() {
        AggregateView restated = queries.restated(key("2024", "A25")).orElseThrow();

        assertThat(restated.restated()).isTrue();
        assertThat(restated.approximate()).isFalse();
        assertThat(restated.level()).isEqualTo(UnitLevel.COMMUNE);
        assertThat(restated.parentCode()).isEqualTo("30");
        assertThat(restated.values().get("ENROLLED").value()).isEqualByComparingTo("12");
        assertThat(restated.completeness()).isEqualTo(new Completeness(2, 1, 1, 0));
        assertThat(restated.asOf()).isEqualTo(Instant.parse("2024-12-20T00:00:00Z"));
        assertThat(restated.predecessors()).extracting(AggregateView.Predecessor::unitCode,
                AggregateView.Predecessor::parentCode, AggregateView.Predecessor::contributed)
                .containsExactly(tuple("10813", "294", true),
                        tuple("10825", "294", true));

        assertThat(queries.restated(key("2024", "294"))).as("no predecessors: read as stored").isEmpty();
        assertThatThrownBy(() -> queries.restated(key("2024", "NEVER-HEARD-OF")))
                .isInstanceOfSatisfying(RequestRefused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(404);
                    assertThat(refused.title()).isEqualTo("Unknown unit");
                });
    }

    @Test
    void aSeriesListsTheStoredRollUpsInPeriodOrderAndRestatesThePeriodsBeforeAUnitExisted(
            @Autowired MongoTemplate mongo) {
        mongo.insert(rollUp("294", "2023", 2, report("10813", "9")));
        mongo.insert(rollUp("A25", "2025", 1, report("10813", "14")));

        assertThat(queries.series(PROGRAMME, "294", false)).extracting(AggregateView::period, AggregateView::version)
                .containsExactly(tuple("2023", 2L),
                        tuple("2024", 5L));
        assertThat(queries.series(PROGRAMME, "294", false)).allSatisfy(v -> assertThat(v.children()).isEmpty());

        List<AggregateView> a25 = queries.series(PROGRAMME, "A25", true);
        assertThat(a25).extracting(AggregateView::period, AggregateView::restated)
                .containsExactly(tuple("2024", true),
                        tuple("2025", false));
        assertThat(queries.series(PROGRAMME, "A25", false)).extracting(AggregateView::period).containsExactly("2025");
        assertThatThrownBy(() -> queries.series(PROGRAMME, "NEVER-HEARD-OF", true))
                .isInstanceOf(RequestRefused.class);
    }
}
