package dev.cascade.aggregation.rollup.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.Mockito.mock;

class RollUpChangesTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RollUpChanges changes = new RollUpChanges(meters);

    @Test
    void aSlowSubscriberNeitherHoldsUpTheWriterNorMissesTheOrderOfChanges() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        List<RollUpDocument> told = new CopyOnWriteArrayList<>();
        changes.subscribe(rollUp -> {
            await().until(() -> released.getCount() == 0);
            told.add(rollUp);
        });
        List<RollUpDocument> saved = IntStream.range(0, 3).mapToObj(i -> mock(RollUpDocument.class)).toList();

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> saved.forEach(changes::changed));
        assertThat(told).isEmpty();

        released.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 3);
        assertThat(told).containsExactlyElementsOf(saved);
        assertThat(meters.counter("cascade.aggregation.feed.dropped").count()).isZero();
        changes.stop();
    }

    @Test
    void changesBeyondTheBacklogSkipTheSubscribersAndAreCounted() {
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        changes.subscribe(rollUp -> {
            busy.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> released.getCount() == 0);
        });
        RollUpDocument rollUp = mock(RollUpDocument.class);
        changes.changed(rollUp);
        await().until(() -> busy.getCount() == 0);

        for (int i = 0; i < RollUpChanges.BACKLOG + 2; i++) {
            changes.changed(rollUp);
        }

        assertThat(meters.counter("cascade.aggregation.feed.dropped").count()).isEqualTo(2.0);
        released.countDown();
        changes.stop();
    }
}
