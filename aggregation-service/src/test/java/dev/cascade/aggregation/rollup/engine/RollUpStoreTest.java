package dev.cascade.aggregation.rollup.engine;

import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.Parts;
import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.UnitLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes conditional on the revision read: a writer that read an old revision never overwrites a newer one. */
class RollUpStoreTest {

    @RegisterExtension
    static final EmbeddedTemplate STORE = new EmbeddedTemplate("cascade-aggregation-store-test");
    MongoTemplate mongo;
    RollUpStore store;

    @BeforeEach
    void clean() {
        mongo = STORE.emptied(RollUpDocument.class);
        store = new RollUpStore(mongo);
    }

    @Test
    void secondCreatorOfTheSameRollUpLosesAndMustReadAgain() {
        assertThat(store.replace(null, rollUp(1, "A"))).isPresent();
        assertThat(store.replace(null, rollUp(1, "B"))).isEmpty();
        assertThat(store.find(ID).orElseThrow().children()).extracting(Contribution::childCode).containsExactly("A");
    }

    @Test
    void writerThatReadAnOlderRevisionDoesNotOverwriteANewerOne() {
        RollUpDocument first = store.replace(null, rollUp(1, "A")).orElseThrow();
        RollUpDocument readByBoth = store.find(ID).orElseThrow();

        assertThat(store.replace(readByBoth, rollUp(2, "A", "B"))).isPresent();
        assertThat(store.replace(readByBoth, rollUp(2, "A", "C"))).as("stale revision").isEmpty();

        RollUpDocument stored = store.find(ID).orElseThrow();
        assertThat(stored.revision()).isEqualTo(first.revision() + 1);
        assertThat(stored.children()).extracting(Contribution::childCode).containsExactly("A", "B");
    }

    @Test
    void storedRollUpReadsBackExactlyIncludingTheScaleOfDecimals() {
        RollUpDocument written = store.replace(null, rollUp(1, "A")).orElseThrow();

        assertThat(store.find(ID).orElseThrow()).isEqualTo(written);
    }

    @Test
    void pendingEventsStayWhenTheRollUpChangedWhileTheyWereSent() {
        RollUpDocument sent = store.replace(null, rollUp(1, "A").withPending(List.of(pending()))).orElseThrow();
        RollUpDocument changed = store.replace(sent, rollUp(2, "A", "B").withPending(List.of(pending())))
                .orElseThrow();

        assertThat(store.clearPending(sent)).isFalse();
        assertThat(store.idsWithPending()).containsExactly(ID);
        assertThat(store.clearPending(changed)).isTrue();
        assertThat(store.idsWithPending()).isEmpty();
        assertThat(store.find(ID).orElseThrow().hasPending()).isFalse();
    }

    @Test
    void pendingEventsOfABatchAreClearedInOneWriteButNotWhereTheRollUpChangedSince() {
        RollUpDocument unchanged = store.replace(null, rollUp(1, "A").withPending(List.of(pending()))).orElseThrow();
        RollUpDocument other = withId(OTHER, rollUp(1, "A").withPending(List.of(pending())));
        RollUpDocument sentOther = store.replace(null, other).orElseThrow();
        RollUpDocument changedSince = store.replace(sentOther, withId(OTHER, rollUp(2, "A", "B")
                .withPending(List.of(pending())))).orElseThrow();

        assertThat(store.clearPendingAll(List.of(unchanged, sentOther))).isEqualTo(1);

        assertThat(store.idsWithPending()).containsExactly(OTHER);
        RollUpDocument cleared = store.find(ID).orElseThrow();
        assertThat(cleared.pending()).isEmpty();
        assertThat(cleared.revision()).as("a clearing is a write: a writer that read before must read again")
                .isEqualTo(unchanged.revision() + 1);
        assertThat(store.find(OTHER).orElseThrow().pending()).isEqualTo(changedSince.pending());
        assertThat(store.clearPendingAll(List.of())).isZero();
    }

    @Test
    void anUpdateStartsFromWhatThisInstanceWroteWithoutReadingItBack() {
        RollUpDocument written = store.replace(null, rollUp(1, "A")).orElseThrow();
        // changed behind the instance's back without a new revision (no writer does this): the instance does not see it
        mongo.getCollection(RollUpDocument.COLLECTION).updateOne(new org.bson.Document("_id", ID),
                new org.bson.Document("$set", new org.bson.Document("seq", 99L)));

        assertThat(store.findForUpdate(ID)).contains(written);
        assertThat(store.find(ID).orElseThrow().seq()).isEqualTo(99);
    }

    @Test
    void aRollUpAnotherInstanceWroteSinceIsReadAgainNotOverwritten() {
        RollUpDocument mine = store.replace(null, rollUp(1, "A")).orElseThrow();
        RollUpStore other = new RollUpStore(mongo);
        RollUpDocument theirs = other.replace(other.findForUpdate(ID).orElseThrow(), rollUp(2, "A", "B")).orElseThrow();

        RollUpDocument remembered = store.findForUpdate(ID).orElseThrow();
        assertThat(remembered).isEqualTo(mine);
        assertThat(store.replace(remembered, rollUp(2, "A", "C"))).as("stale revision").isEmpty();

        assertThat(store.findForUpdate(ID)).as("read again after the refused write").contains(theirs);
        RollUpDocument stored = store.replace(theirs, rollUp(3, "A", "B", "C")).orElseThrow();
        assertThat(store.find(ID).orElseThrow()).isEqualTo(stored);
        assertThat(stored.children()).extracting(Contribution::childCode).containsExactly("A", "B", "C");
    }

    @Test
    void aClearingIsRememberedAsStoredOrForgotten() {
        RollUpDocument sent = store.replace(null, rollUp(1, "A").withPending(List.of(pending()))).orElseThrow();
        assertThat(store.clearPending(sent)).isTrue();
        assertThat(store.findForUpdate(ID)).contains(store.find(ID).orElseThrow());

        RollUpDocument unchanged = store.replace(store.findForUpdate(ID).orElseThrow(),
                rollUp(2, "A", "B").withPending(List.of(pending()))).orElseThrow();
        RollUpDocument sentOther = store.replace(null, withId(OTHER, rollUp(1, "A").withPending(List.of(pending()))))
                .orElseThrow();
        RollUpStore other = new RollUpStore(mongo);
        other.replace(other.findForUpdate(OTHER).orElseThrow(), withId(OTHER, rollUp(2, "A", "B")));

        assertThat(store.clearPendingAll(List.of(unchanged, sentOther))).isEqualTo(1);
        for (String id : List.of(ID, OTHER)) {
            RollUpDocument remembered = store.findForUpdate(id).orElseThrow();
            RollUpDocument stored = store.find(id).orElseThrow();
            assertThat(remembered.revision()).isEqualTo(stored.revision());
            assertThat(remembered.seq()).isEqualTo(stored.seq());
            assertThat(remembered.pending()).isEmpty();
            assertThat(remembered).isEqualTo(stored);
        }
    }

    static final String ID = "HD-GDNN-ANNUAL|2024|294";
    static final String OTHER = "HD-GDNN-ANNUAL|2024|288";

    static RollUpDocument withId(String id, RollUpDocument d) {
        return new RollUpDocument(id, d.programme(), d.period(), id.substring(id.lastIndexOf('|') + 1), d.seq(),
                d.level(), d.parentCode(), d.asOf(), d.children(), d.rules(), d.values(), d.completeness(),
                d.targets(), d.revokedPlans(), d.pending(), d.hasPending(), d.revision());
    }

    static RollUpDocument rollUp(long seq, String... children) {
        List<Contribution> contributions = java.util.Arrays.stream(children).map(c -> new Contribution(c,
                Contribution.Source.REPORT, 1, Map.of("GDNN_INTAKE_RATE", new Parts(null, new BigDecimal("120"),
                new BigDecimal("200"), null, null, 1)), new Completeness(1, 1, 1, 0))).toList();
        return new RollUpDocument(ID, "HD-GDNN-ANNUAL", "2024", "294", seq, UnitLevel.DISTRICT, "30",
                Instant.parse("2024-12-04T02:15:03Z"), contributions,
                Map.of("GDNN_INTAKE_RATE", AggregationRule.RATIO_OF_SUMS),
                Map.of("GDNN_INTAKE_RATE", new AggregatedValue(AggregationRule.RATIO_OF_SUMS, new BigDecimal("60.00"),
                        null, new BigDecimal("120"), new BigDecimal("200"), null, null, children.length)),
                new Completeness(2, children.length, children.length, 0), List.of(), List.of(), List.of(), false, 0);
    }

    static OutboxEvent pending() {
        return new OutboxEvent("e-1", "cascade.aggregate.updated", "cascade.aggregates.v1", ID, ID,
                Instant.parse("2024-12-04T02:15:03Z"), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
