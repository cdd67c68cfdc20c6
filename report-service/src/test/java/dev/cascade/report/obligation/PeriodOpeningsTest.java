package dev.cascade.report.obligation;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.Units;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * One thread at a time brings a programme up to date: the periodic job passes over a programme the plan consumer is
 * working on, and a second consumer call waits and reads the programme again.
 */
class PeriodOpeningsTest {

    /** Plan version 2 kept, obligations following version 1: the opened periods are to be reconciled. */
    private static final Programme BEHIND = new Programme("P", "KH-1", 2, "Báo cáo", Frequency.ANNUAL, List.of(),
            List.of(), List.of(), List.of("10813"), List.of(), List.of(), null, "294", List.of(), 1L);
    private static final Programme CAUGHT_UP = new Programme("P", "KH-1", 2, "Báo cáo", Frequency.ANNUAL, List.of(),
            List.of(), List.of(), List.of("10813"), List.of(), List.of(), null, "294", List.of(), 2L);

    private final PlanReconciliation reconciliation = mock(PlanReconciliation.class);
    private final Programmes programmes = mock(Programmes.class);
    private final PeriodOpenings openings = new PeriodOpenings(mock(Obligations.class), reconciliation, programmes,
            mock(Units.class), mock(OutboxRelay.class), Clock.fixed(Instant.parse("2024-12-07T02:00:00Z"),
            ZoneOffset.UTC));

    @Test
    void whileTheConsumerBringsAProgrammeUpToDateTheJobPassesItByAndASecondCallWaitsAndReadsItAgain()
            throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(reconciliation.reconcile(BEHIND)).thenAnswer(call -> {
            inside.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            return 3;
        });
        when(reconciliation.reconcile(CAUGHT_UP)).thenReturn(0);
        when(programmes.allOutlines()).thenReturn(List.of(BEHIND));
        when(programmes.find("P")).thenReturn(Optional.of(CAUGHT_UP));

        CompletableFuture<Integer> consumer = CompletableFuture.supplyAsync(() -> openings.bringUpToDate(BEHIND));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(openings.openDuePeriods()).as("the job passes it by").isZero();
        verify(programmes, never()).find("P");

        CompletableFuture<Integer> redelivered = new CompletableFuture<>();
        Thread second = new Thread(() -> redelivered.complete(openings.bringUpToDate(BEHIND)));
        second.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.WAITING);
        assertThat(redelivered).as("waits for the first").isNotDone();
        release.countDown();

        assertThat(consumer.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(redelivered.get(10, TimeUnit.SECONDS)).as("reads the programme as the first left it").isZero();
        verify(programmes, times(1)).find("P");
        verify(reconciliation, times(1)).reconcile(BEHIND);
        verify(reconciliation, times(1)).reconcile(CAUGHT_UP);
    }

    @Test
    void theJobReadsWholeOnlyAProgrammeWithSomethingToDo() {
        when(programmes.allOutlines()).thenReturn(List.of(CAUGHT_UP));

        assertThat(openings.openDuePeriods()).isZero();

        verify(programmes, never()).find(any());
        verify(reconciliation, never()).reconcile(any());
    }
}
