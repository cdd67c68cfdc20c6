package dev.cascade.aggregation.plan;

import dev.cascade.aggregation.rollup.engine.EmbeddedTemplate;
import dev.cascade.contracts.events.AggregationRule;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * A period is read whole only when it was written since this instance last read it; otherwise its stamp is compared
 * and the copy read before is answered. Whatever was written in between, a read answers what is stored.
 */
class ProgrammePeriodsTest {

    @RegisterExtension
    static final EmbeddedTemplate STORE = new EmbeddedTemplate("cascade-aggregation-periods-test");
    MongoTemplate mongo;
    ProgrammePeriods periods;

    @BeforeEach
    void clean() {
        mongo = spy(STORE.emptied(ProgrammePeriod.class));
        periods = new ProgrammePeriods(mongo);
    }

    @Test
    void anUnchangedPeriodIsDecodedOnceAndThenAnsweredFromItsStamp() {
        assertThat(periods.replace(null, period(Map.of("30", 3, "294", 2)))).isTrue();
        clearInvocations(mongo);

        ProgrammePeriod first = periods.find("P", "2024").orElseThrow();
        ProgrammePeriod second = periods.find("P", "2024").orElseThrow();
        ProgrammePeriod third = periods.find("P", "2024").orElseThrow();

        assertThat(first.expected()).isEqualTo(Map.of("30", 3, "294", 2));
        assertThat(first.stamp()).isNotBlank();
        assertThat(second).isSameAs(first);
        assertThat(third).isSameAs(first);
        verify(mongo, times(1)).findById(eq("P|2024"), eq(ProgrammePeriod.class));
        verify(mongo, times(2)).findOne(any(), eq(Document.class), eq(ProgrammePeriod.COLLECTION));
    }

    @Test
    void aPeriodWrittenSinceItWasReadIsReadAgain() {
        periods.replace(null, period(Map.of("30", 3)));
        ProgrammePeriod before = periods.find("P", "2024").orElseThrow();

        assertThat(periods.replace(before, period(Map.of("30", 4, "295", 1)))).isTrue();
        ProgrammePeriod after = periods.find("P", "2024").orElseThrow();

        assertThat(after.expected()).isEqualTo(Map.of("30", 4, "295", 1));
        assertThat(after.revision()).isEqualTo(before.revision() + 1);
        assertThat(after.stamp()).isNotEqualTo(before.stamp());
    }

    @Test
    void aPeriodRemovedAndStoredAgainAtTheSameRevisionIsNotTakenForTheOneReadBefore() {
        periods.replace(null, period(Map.of("30", 3)));
        ProgrammePeriod before = periods.find("P", "2024").orElseThrow();

        mongo.dropCollection(ProgrammePeriod.class);
        assertThat(periods.find("P", "2024")).isEmpty();
        periods.replace(null, period(Map.of("31", 7)));
        ProgrammePeriod after = periods.find("P", "2024").orElseThrow();

        assertThat(after.revision()).isEqualTo(before.revision());
        assertThat(after.expected()).isEqualTo(Map.of("31", 7));
    }

    @Test
    void aPeriodStoredWithoutAStampIsReadWholeEveryTime() {
        mongo.insert(new ProgrammePeriod("P|2024", "P", "2024", "2024-12-31", Map.of(), Map.of("30", 3), List.of(), 1,
                null));
        clearInvocations(mongo);

        assertThat(periods.find("P", "2024").orElseThrow().expected()).isEqualTo(Map.of("30", 3));
        mongo.updateFirst(query(where("_id").is("P|2024")), Update.update("expected.30", 5), ProgrammePeriod.class);
        assertThat(periods.find("P", "2024").orElseThrow().expected()).isEqualTo(Map.of("30", 5));
        verify(mongo, times(2)).findById(eq("P|2024"), eq(ProgrammePeriod.class));
    }

    private static ProgrammePeriod period(Map<String, Integer> expected) {
        return new ProgrammePeriod("P|2024", "P", "2024", "2024-12-31", Map.of("ENROLLED", AggregationRule.SUM),
                expected, List.of(new ProgrammePeriod.PlanVersion("KH-1", 1)), 0, null);
    }
}
