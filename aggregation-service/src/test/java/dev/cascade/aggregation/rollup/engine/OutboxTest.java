package dev.cascade.aggregation.rollup.engine;

import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The outbox of roll-ups on the embedded store, the broker replaced by a mock that acknowledges every send: events
 * sent for a batch are cleared at its end in one write, and are not sent again before that.
 */
class OutboxTest {

    @RegisterExtension
    static final EmbeddedTemplate STORE = new EmbeddedTemplate("cascade-aggregation-outbox-test");
    RollUpStore store;
    EventProducer producer;
    Outbox outbox;

    @BeforeEach
    void setUp() {
        MongoTemplate mongo = STORE.emptied(RollUpDocument.class);
        store = spy(new RollUpStore(mongo));
        producer = mock(EventProducer.class);
        when(producer.sendAll(anyList())).thenAnswer(call -> new EventProducer.Acks(
                ((List<?>) call.getArgument(0)).stream().map(e -> true).toList(), null));
        outbox = new Outbox(store, new RollUpLocks(), producer);
    }

    @Test
    void eventsSentForABatchAreClearedAtItsEndAndNotSentAgainBefore() {
        RollUpDocument saved = saved(RollUpStoreTest.ID);
        RollUpDocument other = saved(RollUpStoreTest.OTHER);
        Outbox.Sent batch = new Outbox.Sent();

        assertThat(outbox.flush(saved, batch)).isEqualTo(1);
        assertThat(outbox.flush(other, batch)).isEqualTo(1);
        assertThat(store.idsWithPending()).as("not cleared one by one")
                .containsExactlyInAnyOrder(RollUpStoreTest.ID, RollUpStoreTest.OTHER);
        // a redelivered input, and the sweep, find the events still pending: this instance sent them already
        assertThat(outbox.flush(saved, null)).isZero();
        assertThat(outbox.publishPending()).isZero();
        verify(producer, times(2)).sendAll(anyList());

        assertThat(outbox.clear(batch)).isEqualTo(2);

        assertThat(store.idsWithPending()).isEmpty();
        verify(store, times(1)).clearPendingAll(anyList());
        verify(store, never()).clearPending(org.mockito.ArgumentMatchers.any());
        assertThat(batch.size()).isZero();
    }

    @Test
    void aFailedClearingLeavesTheEventsPendingForTheSweepWithoutFailingTheBatch() {
        RollUpDocument saved = saved(RollUpStoreTest.ID);
        Outbox.Sent batch = new Outbox.Sent();
        outbox.flush(saved, batch);
        org.mockito.Mockito.doThrow(new org.springframework.dao.DataAccessResourceFailureException("store gone (test)"))
                .when(store).clearPendingAll(anyList());

        assertThat(outbox.clear(batch)).isZero();

        assertThat(store.idsWithPending()).containsExactly(RollUpStoreTest.ID);
        assertThat(outbox.publishPending()).as("sent again, then cleared at once").isEqualTo(1);
        verify(producer, times(2)).sendAll(saved.pending());
        assertThat(store.idsWithPending()).isEmpty();
    }

    @Test
    void withoutABatchTheEventsAreClearedRightAfterTheSend() {
        RollUpDocument saved = saved(RollUpStoreTest.ID);

        assertThat(outbox.flush(saved)).isEqualTo(1);

        assertThat(store.idsWithPending()).isEmpty();
        assertThat(outbox.flush(store.find(RollUpStoreTest.ID).orElseThrow())).isZero();
        verify(producer, times(1)).sendAll(anyList());
    }

    private RollUpDocument saved(String id) {
        OutboxEvent event = new OutboxEvent("e-" + id, "cascade.aggregate.updated", "cascade.aggregates.v1", id, id,
                java.time.Instant.parse("2024-12-04T02:15:03Z"), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return store.replace(null, RollUpStoreTest.withId(id, RollUpStoreTest.rollUp(1, "A")
                .withPending(List.of(event)))).orElseThrow();
    }
}
